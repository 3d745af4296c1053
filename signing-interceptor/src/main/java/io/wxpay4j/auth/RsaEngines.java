package io.wxpay4j.auth;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * SHA256withRSA engines, reused: {@code Signature.getInstance} plus {@code initSign}/{@code
 * initVerify} cost ~1.5 KB of allocation and a provider lookup per call, while a {@code Signature}
 * returns to its initialised state after every {@code sign()} and {@code verify()}. Signing engines
 * are pooled per signer; each thread keeps the engine of the last public key it verified with. An
 * engine that threw is dropped, never reused. Engines hold only what their owner already holds (the
 * signer's key, a trusted public key).
 */
final class RsaEngines {
  /** The last (key, engine) this thread verified with; replaced when another key comes. */
  private static final ThreadLocal<@Nullable Verifying> VERIFYING = new ThreadLocal<>();

  /**
   * Idle signing engines of this signer, reused across threads (at most as many as have signed at
   * once). They live and die with the signer: no thread-local keeps the merchant key after the
   * client is dropped.
   */
  private final ConcurrentLinkedQueue<Signature> idle = new ConcurrentLinkedQueue<>();

  private final CryptoProvider provider;
  private final PrivateKey privateKey;

  RsaEngines(CryptoProvider provider, PrivateKey privateKey) {
    this.provider = provider;
    this.privateKey = privateKey;
  }

  /**
   * Initialises one signing engine now and keeps it for the first signature: a key the provider
   * cannot sign with fails here.
   */
  void prepare() throws GeneralSecurityException {
    Signature engine = provider.signature();
    engine.initSign(privateKey);
    idle.offer(engine);
  }

  /** The raw signature of {@code message}. */
  byte[] sign(byte[] message) throws GeneralSecurityException {
    return signLines(new byte[][] {message}, false);
  }

  /** The raw signature of the {@code lines}, each followed by {@code \n}. */
  byte[] signLines(byte[]... lines) throws GeneralSecurityException {
    return signLines(lines, true);
  }

  private byte[] signLines(byte[][] parts, boolean newlines) throws GeneralSecurityException {
    Signature engine = idle.poll();
    if (engine == null) {
      engine = provider.signature();
      engine.initSign(privateKey);
    }
    // An engine that throws is not offered back: it is dropped, never reused.
    for (byte[] part : parts) {
      engine.update(part);
      if (newlines) {
        engine.update((byte) '\n');
      }
    }
    byte[] signature = engine.sign();
    idle.offer(engine); // sign() reset it to its initialised state
    return signature;
  }

  /** Whether {@code signature} is {@code key}'s over {@code message}, with the key's provider. */
  static boolean verify(PublicKey key, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    Signature engine = verifying(key);
    try {
      engine.update(message);
      return engine.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      VERIFYING.remove();
      throw e;
    }
  }

  /**
   * Whether {@code signature} is {@code key}'s over the {@code lines}, each followed by {@code \n}
   * (the message of {@link io.wxpay4j.internal.SignatureMessages#response}), fed to the engine
   * piece by piece: no copy of the body into a message array.
   */
  static boolean verifyLines(PublicKey key, byte[] signature, byte[]... lines)
      throws GeneralSecurityException {
    Signature engine = verifying(key);
    try {
      for (byte[] line : lines) {
        engine.update(line);
        engine.update((byte) '\n');
      }
      return engine.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      VERIFYING.remove();
      throw e;
    }
  }

  private static Signature verifying(PublicKey key) throws GeneralSecurityException {
    Verifying cached = VERIFYING.get();
    if (cached != null && cached.key == key) {
      return cached.engine;
    }
    Signature engine = CryptoProvider.signatureFor(key); // ACCP for keys converted to its form
    engine.initVerify(key);
    VERIFYING.set(new Verifying(key, engine));
    return engine;
  }

  private static final class Verifying {
    final PublicKey key;
    final Signature engine;

    Verifying(PublicKey key, Signature engine) {
      this.key = key;
      this.engine = engine;
    }
  }
}
