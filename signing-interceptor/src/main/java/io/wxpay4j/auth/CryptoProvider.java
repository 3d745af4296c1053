package io.wxpay4j.auth;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The JCA provider that computes SHA256withRSA (RSASSA-PKCS1-v1_5) for request signatures and
 * response and notification verification: the native-backed Amazon Corretto Crypto Provider (ACCP)
 * when it is on the class path and loads, the JDK's providers otherwise.
 *
 * <pre>{@code
 * WechatPayClient wechatPay = WechatPayClient.builder()
 *     ...
 *     .cryptoProvider(CryptoProvider.jdk())   // force the JDK; automatic() is the default
 *     .build();
 * }</pre>
 *
 * <p>ACCP signs an RSA-2048 message several times faster than the JDK. It is an optional
 * dependency: add {@code software.amazon.cryptools:AmazonCorrettoCryptoProvider} with the
 * classifier of the platform ({@code linux-x86_64}, {@code linux-aarch_64}) and wxpay4j uses it;
 * nothing else changes. wxpay4j never installs it JVM-wide ({@code Security.insertProviderAt}): it
 * asks ACCP by object, for its own keys only, so other code in the JVM keeps the providers it had.
 * Keys are converted to the provider's own form once, when the signer or verifier is created.
 *
 * <p>The automatic choice never slows a program's first call: loading ACCP (its native library, its
 * self-tests, its signed jar) costs about a second of CPU, more than the signatures of a short
 * program save. A signer or verifier of {@link #automatic()} therefore starts on the JDK; its
 * second signature (or verification) starts the detection on a daemon thread, once per JVM, and the
 * next one after the detection ends uses its result. Asking {@code automatic()} for its {@link
 * #name()} or {@link #isNative()} detects at once, on the calling thread.
 *
 * <p>PKCS#1 v1.5 signatures are deterministic: both providers produce the same bytes. Immutable and
 * thread-safe; the result of the automatic detection is computed once per JVM and never changes.
 */
public final class CryptoProvider {
  static final String SHA256_WITH_RSA = "SHA256withRSA";
  private static final String CORRETTO_CLASS =
      "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
  private static final String CORRETTO_PACKAGE = "com.amazon.corretto.crypto.provider.";
  private static final CryptoProvider JDK = new CryptoProvider(null, false, false);
  private static final CryptoProvider AUTOMATIC = new CryptoProvider(null, true, true);

  /** Null for the JDK: the JVM's configured providers, in their priority order. */
  private final @Nullable Provider provider;

  /** Whether a failed key conversion falls back to the JDK (automatic) or fails (forced). */
  private final boolean fallBack;

  /**
   * Whether this is {@link #automatic()}, the choice not made yet: it acts as the JDK meanwhile.
   */
  private final boolean deferred;

  private CryptoProvider(@Nullable Provider provider, boolean fallBack, boolean deferred) {
    this.provider = provider;
    this.fallBack = fallBack;
    this.deferred = deferred;
  }

  /**
   * ACCP if it is on the class path and healthy, the JDK otherwise. The default of {@link
   * RsaSha256Signer}, {@link PublicKeyVerifier} and {@code WechatPayClient}.
   */
  public static CryptoProvider automatic() {
    return AUTOMATIC;
  }

  /**
   * The JDK's providers (SunRsaSign unless the JVM is configured otherwise), even when ACCP is
   * present.
   */
  public static CryptoProvider jdk() {
    return JDK;
  }

  /**
   * The Amazon Corretto Crypto Provider, required.
   *
   * @throws IllegalStateException if ACCP is not on the class path or cannot load its native
   *     library here
   */
  public static CryptoProvider corretto() {
    if (Corretto.FORCED == null) {
      throw new IllegalStateException(
          "the Amazon Corretto Crypto Provider is not available: "
              + Corretto.ERROR
              + "; add software.amazon.cryptools:AmazonCorrettoCryptoProvider with this platform's classifier"
              + " (linux-x86_64 or linux-aarch_64), or use CryptoProvider.automatic() to fall back to the JDK");
    }
    return Corretto.FORCED;
  }

  /**
   * Test hook: the automatic choice, with ACCP loaded by {@code loader} (which may throw or return
   * null).
   */
  static CryptoProvider detect(Supplier<@Nullable Provider> loader) {
    try {
      Provider loaded = loader.get();
      return loaded == null ? JDK : new CryptoProvider(loaded, true, false);
    } catch (RuntimeException | LinkageError e) {
      return JDK;
    }
  }

  /** {@code "AmazonCorrettoCryptoProvider"} or {@code "JDK"}. */
  public String name() {
    Provider p = chosen().provider;
    return p == null ? "JDK" : p.getName();
  }

  /** Whether signatures are computed natively (ACCP). */
  public boolean isNative() {
    return chosen().provider != null;
  }

  /** Whether this is {@link #automatic()}: its users start on the JDK, see the class comment. */
  boolean deferred() {
    return deferred;
  }

  /** This provider, or for {@link #automatic()} the choice, made now if it is not yet. */
  private CryptoProvider chosen() {
    if (!deferred) {
      return this;
    }
    CryptoProvider result = Detected.RESULT;
    Background.CHOICE.complete(result); // signers and verifiers waiting for it take it
    return result;
  }

  /**
   * The automatic choice if it is made, null if not; {@code start} starts making it on a daemon
   * thread (once per JVM) if nobody has.
   */
  static @Nullable CryptoProvider automaticChoice(boolean start) {
    CryptoProvider result = Background.CHOICE.getNow(null);
    if (result == null && start && Background.STARTED.compareAndSet(false, true)) {
      Thread thread = new Thread(AUTOMATIC::chosen, "wxpay4j-crypto-provider-detection");
      thread.setDaemon(true);
      thread.start();
    }
    return result;
  }

  /** Test hook: waits for the automatic choice that {@link #automaticChoice} started. */
  static CryptoProvider awaitAutomaticChoice() {
    return Background.CHOICE.join();
  }

  /**
   * This provider if {@code converted} (the result of {@link #privateKey}) is in its own form; the
   * JDK when the automatic choice could not convert the key and kept the original.
   */
  CryptoProvider forConverted(Key converted) {
    return provider != null
            && converted.getClass().getName().startsWith(provider.getClass().getPackageName() + ".")
        ? this
        : JDK;
  }

  /** A new SHA256withRSA engine of this provider. */
  Signature signature() throws NoSuchAlgorithmException {
    return provider == null
        ? Signature.getInstance(SHA256_WITH_RSA)
        : Signature.getInstance(SHA256_WITH_RSA, provider);
  }

  /**
   * The provider that {@code key} was converted for: keys converted by {@link #privateKey}/{@link
   * #publicKey} are ACCP's own classes and go to ACCP; every other key goes to the JDK.
   */
  static CryptoProvider forKey(Key key) {
    // Only a key of ACCP's own classes needs ACCP, which is then loaded: never load it for others.
    if (key.getClass().getName().startsWith(CORRETTO_PACKAGE)) {
      CryptoProvider corretto = Corretto.FORCED;
      if (corretto != null) {
        return corretto;
      }
    }
    return JDK;
  }

  /**
   * Returns {@code key} in this provider's own form (once per key: conversion per call would cost
   * more).
   */
  PrivateKey privateKey(PrivateKey key) {
    if (provider == null) {
      return key;
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("RSA", provider);
      try {
        return (PrivateKey) factory.translateKey(key);
      } catch (GeneralSecurityException | RuntimeException e) {
        return factory.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      if (fallBack) {
        return key;
      }
      throw new IllegalArgumentException(
          "the " + name() + " provider cannot use this RSA private key: " + e.getMessage(), e);
    }
  }

  /** Returns {@code key} in this provider's own form. */
  PublicKey publicKey(PublicKey key) {
    if (provider == null) {
      return key;
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("RSA", provider);
      try {
        return (PublicKey) factory.translateKey(key);
      } catch (GeneralSecurityException | RuntimeException e) {
        return factory.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      if (fallBack) {
        return key;
      }
      throw new IllegalArgumentException(
          "the " + name() + " provider cannot use this RSA public key: " + e.getMessage(), e);
    }
  }

  /** A new SHA256withRSA engine for {@code key}, of the provider the key belongs to. */
  static Signature signatureFor(Key key) throws NoSuchAlgorithmException {
    return forKey(key).signature();
  }

  @Override
  public String toString() {
    return "CryptoProvider{" + name() + "}";
  }

  /** Equal if they compute with the same provider ({@link #automatic()}: the one it chooses). */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CryptoProvider
        && Objects.equals(((CryptoProvider) other).chosen().provider, chosen().provider);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(chosen().provider);
  }

  /**
   * ACCP, loaded by reflection (it is optional) once per JVM; never registered with {@code
   * Security}.
   */
  private static final class Corretto {
    static final @Nullable Provider PROVIDER;
    static final @Nullable CryptoProvider FORCED;
    static final String ERROR;

    static {
      Provider provider = null;
      String error = "not checked";
      try {
        provider = load();
        error = "";
      } catch (ClassNotFoundException e) {
        error = "it is not on the class path";
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        error = "it failed to load (" + e + ")";
      }
      PROVIDER = provider;
      FORCED = provider == null ? null : new CryptoProvider(provider, false, false);
      ERROR = error;
    }

    private static Provider load() throws ReflectiveOperationException {
      Class<?> type = Class.forName(CORRETTO_CLASS, true, CryptoProvider.class.getClassLoader());
      Provider provider = (Provider) type.getField("INSTANCE").get(null);
      Object loadingError = type.getMethod("getLoadingError").invoke(provider);
      if (loadingError != null) {
        throw new IllegalStateException("native library: " + loadingError);
      }
      type.getMethod("assertHealthy").invoke(provider); // throws if its self-tests failed
      return provider;
    }
  }

  /** The automatic choice, once per JVM, made on the thread that first needs it. */
  private static final class Detected {
    static final CryptoProvider RESULT = detect(() -> Corretto.PROVIDER);
  }

  /** The automatic choice as signers and verifiers wait for it: never blocking them. */
  private static final class Background {
    static final CompletableFuture<CryptoProvider> CHOICE = new CompletableFuture<>();
    static final AtomicBoolean STARTED = new AtomicBoolean();
  }
}
