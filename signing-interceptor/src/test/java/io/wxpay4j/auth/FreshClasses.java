package io.wxpay4j.auth;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class loader that defines the classes under {@code prefix} afresh (their static state as in a
 * new JVM), takes every other class from the test's loader, and records the names it is asked for.
 */
final class FreshClasses extends ClassLoader {
  final Set<String> requested = ConcurrentHashMap.newKeySet();
  private final String prefix;

  FreshClasses(String prefix) {
    super(FreshClasses.class.getClassLoader());
    this.prefix = prefix;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    requested.add(name);
    if (!name.startsWith(prefix)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          if (in == null) {
            throw new ClassNotFoundException(name);
          }
          byte[] bytes = in.readAllBytes();
          type = defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  /** Whether a class whose name starts with {@code prefix} was asked for. */
  boolean requestedAny(String prefix) {
    return requested.stream().anyMatch(n -> n.startsWith(prefix));
  }
}
