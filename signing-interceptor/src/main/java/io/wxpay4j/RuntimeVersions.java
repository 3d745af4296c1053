package io.wxpay4j;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks, once per class loader, that the libraries the client runs on are versions it can run on:
 * OkHttp 5 alone (a second OkHttp jar, such as the 4.x that wechatpay-java brings, mixes classes of
 * both) and a {@code kotlin-stdlib} new enough for OkHttp 5, okio and Moshi. Dependency management
 * can change either silently (Spring Boot 2.7 and 3.0 manage kotlin-stdlib 1.6 / 1.7); without this
 * check the first call would fail later with a {@code NoClassDefFoundError} such as {@code
 * kotlin/enums/EnumEntriesKt}.
 */
final class RuntimeVersions {
  /** The oldest kotlin-stdlib tried and found to run OkHttp 5.5, okio 3 and Moshi 1.15. */
  static final int[] MIN_KOTLIN = {1, 9};

  private static final @Nullable String PROBLEM = problem(RuntimeVersions.class.getClassLoader());

  private RuntimeVersions() {}

  /**
   * @throws IllegalStateException naming the library, the version found and what to set
   */
  static void check() {
    if (PROBLEM != null) {
      throw new IllegalStateException(PROBLEM);
    }
  }

  private static @Nullable String problem(@Nullable ClassLoader loader) {
    List<String> okHttpJars = new ArrayList<>();
    try {
      ClassLoader l = loader != null ? loader : ClassLoader.getSystemClassLoader();
      for (URL url : Collections.list(l.getResources("okhttp3/OkHttp.class"))) {
        okHttpJars.add(url.toString());
      }
    } catch (IOException e) {
      // Unknown: the version checks below still run.
    }
    return problem(okHttpVersion(), okHttpJars, kotlinVersion());
  }

  /**
   * What is wrong with these versions, or null: {@code okHttp} is {@code okhttp3.OkHttp.VERSION},
   * {@code okHttpJars} where {@code okhttp3/OkHttp.class} is found, {@code kotlin} the
   * kotlin-stdlib version ({@code KotlinVersion.CURRENT}); null when a library is missing.
   */
  static @Nullable String problem(
      @Nullable String okHttp, List<String> okHttpJars, @Nullable String kotlin) {
    if (okHttpJars.size() > 1) {
      return "wxpay4j found "
          + okHttpJars.size()
          + " OkHttp jars on the class path, which mixes their classes: "
          + okHttpJars
          + ". Keep only com.squareup.okhttp3:okhttp-jvm 5.x: exclude com.squareup.okhttp3:okhttp (4.x)"
          + " from the dependency that brings it (wechatpay-java does; see the README, 'Migrating from"
          + " wechatpay-java'), or import io.wxpay4j:wxpay4j-bom before other BOMs";
    }
    if (okHttp == null) {
      return "wxpay4j needs OkHttp 5 (com.squareup.okhttp3:okhttp-jvm) and found no okhttp3.OkHttp"
          + " class: a dependency exclusion removed it; add com.squareup.okhttp3:okhttp-jvm";
    }
    if (major(okHttp) < 5) {
      return "wxpay4j needs OkHttp 5 (com.squareup.okhttp3:okhttp-jvm) and found OkHttp "
          + okHttp
          + ": dependency management chose it. Import io.wxpay4j:wxpay4j-bom before other BOMs, or"
          + " set the OkHttp version to 5.x (Spring Boot 2.x: <okhttp.version> in <properties>)";
    }
    if (kotlin == null) {
      return "wxpay4j needs kotlin-stdlib (OkHttp 5, okio and Moshi run on it) and found none: a"
          + " dependency exclusion removed org.jetbrains.kotlin:kotlin-stdlib; add it back";
    }
    if (older(kotlin, MIN_KOTLIN)) {
      return "wxpay4j needs kotlin-stdlib "
          + MIN_KOTLIN[0]
          + "."
          + MIN_KOTLIN[1]
          + " or newer (OkHttp 5, okio and Moshi run on it) and found "
          + kotlin
          + ": dependency management chose it (Spring Boot 2.7 to 3.1 manage 1.6 to 1.8). Set"
          + " <kotlin.version>1.9.25</kotlin.version> in your pom's <properties> (Gradle:"
          + " ext['kotlin.version'] = '1.9.25'), or a newer Kotlin";
    }
    return null;
  }

  private static @Nullable String okHttpVersion() {
    try {
      // Read reflectively: the compiled-in constant would be this build's version, not the
      // runtime's.
      Field version = Class.forName("okhttp3.OkHttp").getField("VERSION");
      return String.valueOf(version.get(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  private static @Nullable String kotlinVersion() {
    try {
      return String.valueOf(Class.forName("kotlin.KotlinVersion").getField("CURRENT").get(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  private static int major(String version) {
    return number(version, 0);
  }

  private static boolean older(String version, int[] minimum) {
    int major = number(version, 0);
    return major < minimum[0] || (major == minimum[0] && number(version, 1) < minimum[1]);
  }

  /** The {@code index}th dot-separated number of {@code version}; 0 if there is none. */
  private static int number(String version, int index) {
    String[] parts = version.split("[.-]");
    if (index >= parts.length) {
      return 0;
    }
    try {
      return Integer.parseInt(parts[index]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
