package io.wxpay4j.internal;

import java.security.SecureRandom;
import java.util.function.Supplier;

/** Random 32-character nonces from {@code [0-9A-Za-z]}, as the official SDKs send them. */
public final class Nonces implements Supplier<String> {
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  /** Characters per nonce. */
  public static final int LENGTH = 32;

  private final SecureRandom random;

  private Nonces(SecureRandom random) {
    this.random = random;
  }

  /** A source backed by its own {@link SecureRandom} (thread-safe). */
  public static Nonces create() {
    return new Nonces(new SecureRandom());
  }

  @Override
  public String get() {
    char[] chars = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(chars);
  }

  @Override
  public String toString() {
    return "Nonces{secureRandom}";
  }
}
