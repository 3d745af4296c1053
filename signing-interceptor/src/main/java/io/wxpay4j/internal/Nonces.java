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

  /**
   * The one source every signer uses unless a test injects another: a {@link SecureRandom} per
   * client would cost each client its own generator state for nothing (the default NativePRNG
   * serialises reads of the system source across instances anyway).
   */
  public static Nonces shared() {
    return Shared.NONCES;
  }

  private static final class Shared {
    static final Nonces NONCES = create();
  }

  @Override
  public String get() {
    // One nextBytes call per nonce (each SecureRandom call costs a lock and a few allocations): 6
    // random bits per byte, values 62 and 63 rejected so that every character stays uniform. 48
    // bytes leave 16 for rejections; running out (under 1e-9) just draws again.
    char[] chars = new char[LENGTH];
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    for (int i = 0, used = 0; i < LENGTH; ) {
      if (used == bytes.length) {
        random.nextBytes(bytes);
        used = 0;
      }
      int value = bytes[used++] & 0x3f;
      if (value < ALPHABET.length) {
        chars[i++] = ALPHABET[value];
      }
    }
    return new String(chars);
  }

  @Override
  public String toString() {
    return "Nonces{secureRandom}";
  }
}
