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
 * <p>PKCS#1 v1.5 signatures are deterministic: both providers produce the same bytes. Immutable and
 * thread-safe; the result of the automatic detection is computed once per JVM and never changes.
 */
public final class CryptoProvider {
  static final String SHA256_WITH_RSA = "SHA256withRSA";
  private static final String CORRETTO_CLASS =
      "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
  private static final String CORRETTO_PACKAGE = "com.amazon.corretto.crypto.provider.";
  private static final CryptoProvider JDK = new CryptoProvider(null, false);

  /** Null for the JDK: the JVM's configured providers, in their priority order. */
  private final @Nullable Provider provider;

  /** Whether a failed key conversion falls back to the JDK (automatic) or fails (forced). */
  private final boolean fallBack;

  private CryptoProvider(@Nullable Provider provider, boolean fallBack) {
    this.provider = provider;
    this.fallBack = fallBack;
  }

  /**
   * ACCP if it is on the class path and healthy, the JDK otherwise. The default of {@link
   * RsaSha256Signer}, {@link PublicKeyVerifier} and {@code WechatPayClient}.
   */
  public static CryptoProvider automatic() {
    return Detected.RESULT;
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
      return loaded == null ? JDK : new CryptoProvider(loaded, true);
    } catch (RuntimeException | LinkageError e) {
      return JDK;
    }
  }

  /** {@code "AmazonCorrettoCryptoProvider"} or {@code "JDK"}. */
  public String name() {
    return provider == null ? "JDK" : provider.getName();
  }

  /** Whether signatures are computed natively (ACCP). */
  public boolean isNative() {
    return provider != null;
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
    CryptoProvider corretto = Corretto.FORCED;
    if (corretto != null && key.getClass().getName().startsWith(CORRETTO_PACKAGE)) {
      return corretto;
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

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CryptoProvider
        && Objects.equals(((CryptoProvider) other).provider, provider);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(provider);
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
      FORCED = provider == null ? null : new CryptoProvider(provider, false);
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

  /** The automatic choice, once per JVM. */
  private static final class Detected {
    static final CryptoProvider RESULT = detect(() -> Corretto.PROVIDER);
  }
}
