package io.wxpay4j.auth;

import static io.wxpay4j.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.internal.SignatureCheck;
import java.lang.reflect.Method;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The native Amazon Corretto Crypto Provider (on this module's test class path, optional for users)
 * and the JDK must give the same PKCS#1 v1.5 signatures, the OpenSSL golden ones; without ACCP
 * everything falls back to the JDK.
 */
class CryptoProviderTest {
  /**
   * ACCP ships its native library for linux-x86_64 here; other platforms only run the fallback
   * tests.
   */
  private static boolean correttoPlatform() {
    return System.getProperty("os.name").startsWith("Linux")
        && System.getProperty("os.arch").matches("amd64|x86_64");
  }

  @Test
  void correttoIsDetectedAutomaticallyWhereItsNativeLibraryLoads() {
    assumeTrue(correttoPlatform());
    assertThat(CryptoProvider.automatic().isNative()).isTrue();
    assertThat(CryptoProvider.automatic().name()).isEqualTo("AmazonCorrettoCryptoProvider");
    assertThat(CryptoProvider.corretto()).isEqualTo(CryptoProvider.automatic());
  }

  @Test
  void automaticSignerAndVerifierStartOnTheJdkAndTakeTheChoiceTheirSecondUseStarts()
      throws Exception {
    assumeTrue(correttoPlatform());
    // io.wxpay4j.auth as in a new JVM: the automatic choice not made yet.
    FreshClasses fresh = new FreshClasses("io.wxpay4j.auth.");
    Class<?> signerType = fresh.loadClass(RsaSha256Signer.class.getName());
    Class<?> verifierType = fresh.loadClass(PublicKeyVerifier.class.getName());
    Class<?> providerType = fresh.loadClass(CryptoProvider.class.getName());
    Object signer =
        signerType
            .getMethod("create", String.class, PrivateKey.class)
            .invoke(null, MERCHANT_SERIAL, merchantKey());
    PublicKey original = platformPublicKey();
    Object verifier =
        verifierType
            .getMethod("create", String.class, PublicKey.class)
            .invoke(null, PUBLIC_KEY_ID, original);
    Method sign = signerType.getMethod("sign", byte[].class);
    Method key = verifierType.getMethod("publicKey", String.class);
    Method provider = signerType.getMethod("cryptoProvider");
    Method name = providerType.getMethod("name");
    Method await = providerType.getDeclaredMethod("awaitAutomaticChoice");
    await.setAccessible(true);
    byte[] message = bytes("request-post.message");
    String golden = text("request-post.signature");

    assertThat(sign.invoke(signer, message)).isEqualTo(golden);
    assertThat(key.invoke(verifier, PUBLIC_KEY_ID)).isSameAs(original);
    assertThat(fresh.requestedAny("com.amazon.corretto.")).isFalse();
    assertThat(name.invoke(provider.invoke(signer))).isEqualTo("JDK");

    assertThat(sign.invoke(signer, message)).isEqualTo(golden); // starts the choice
    assertThat(name.invoke(await.invoke(null))).isEqualTo("AmazonCorrettoCryptoProvider");

    assertThat(sign.invoke(signer, message)).isEqualTo(golden);
    assertThat(name.invoke(provider.invoke(signer))).isEqualTo("AmazonCorrettoCryptoProvider");
    assertThat(key.invoke(verifier, PUBLIC_KEY_ID).getClass().getName())
        .startsWith("com.amazon.corretto.crypto.provider.");
  }

  @Test
  void correttoAndJdkProduceTheGoldenSignature() {
    assumeTrue(correttoPlatform());
    RsaSha256Signer jdk =
        RsaSha256Signer.create(MERCHANT_SERIAL, merchantKey(), CryptoProvider.jdk());
    RsaSha256Signer corretto =
        RsaSha256Signer.create(MERCHANT_SERIAL, merchantKey(), CryptoProvider.corretto());

    assertThat(jdk.cryptoProvider().isNative()).isFalse();
    assertThat(corretto.cryptoProvider().isNative()).isTrue();
    for (String vector : new String[] {"request-get", "request-post"}) {
      String golden = text(vector + ".signature");
      assertThat(corretto.sign(bytes(vector + ".message"))).isEqualTo(golden);
      assertThat(jdk.sign(bytes(vector + ".message"))).isEqualTo(golden);
    }
  }

  @Test
  void correttoVerifierAcceptsTheGoldenResponseAndRejectsOneChangedByte() throws Exception {
    assumeTrue(correttoPlatform());
    PublicKeyVerifier verifier =
        PublicKeyVerifier.create(PUBLIC_KEY_ID, platformPublicKey(), CryptoProvider.corretto());
    PublicKey original = platformPublicKey();
    PublicKeyVerifier jdk = PublicKeyVerifier.create(PUBLIC_KEY_ID, original, CryptoProvider.jdk());
    assertThat(verifier.publicKey(PUBLIC_KEY_ID).getClass().getName())
        .startsWith("com.amazon.corretto.crypto.provider.");
    assertThat(jdk.publicKey(PUBLIC_KEY_ID)).isSameAs(original); // the JDK keeps the caller's key
    byte[] body = bytes("response-200.body");
    Map<String, String> headers =
        Map.of(
            SignatureCheck.TIMESTAMP,
            Long.toString(RESPONSE_TIMESTAMP),
            SignatureCheck.NONCE,
            RESPONSE_NONCE,
            SignatureCheck.SIGNATURE,
            text("response-200.signature"),
            SignatureCheck.SERIAL,
            PUBLIC_KEY_ID);

    SignatureCheck.verify(
        "Response", headers::get, body, verifier, new TestClock(RESPONSE_TIMESTAMP), "req-1");

    byte[] changed = Arrays.copyOf(body, body.length);
    changed[0] ^= 1;
    assertThatThrownBy(
            () ->
                SignatureCheck.verify(
                    "Response",
                    headers::get,
                    changed,
                    verifier,
                    new TestClock(RESPONSE_TIMESTAMP),
                    "req-1"))
        .isInstanceOf(WechatPaySignatureException.class)
        .hasMessageStartingWith(
            "Response signature not verified: the signature does not match the key of Wechatpay-Serial "
                + PUBLIC_KEY_ID);
  }

  @Test
  void absentProviderFallsBackToTheJdk() {
    CryptoProvider detected = CryptoProvider.detect(() -> null);

    assertThat(detected).isEqualTo(CryptoProvider.jdk());
    assertGoldenSignatureWith(detected);
  }

  @Test
  void providerThatFailsToLoadFallsBackToTheJdk() {
    CryptoProvider throwing =
        CryptoProvider.detect(
            () -> {
              throw new IllegalStateException("native library failed its self-test");
            });
    CryptoProvider unlinkable =
        CryptoProvider.detect(
            () -> {
              throw new UnsatisfiedLinkError(
                  "no amazonCorrettoCryptoProvider in java.library.path");
            });

    assertThat(throwing.isNative()).isFalse();
    assertThat(unlinkable.name()).isEqualTo("JDK");
    assertGoldenSignatureWith(throwing);
    assertGoldenSignatureWith(unlinkable);
  }

  @Test
  void providerThatCannotConvertTheKeyFallsBackToTheJdkForThatKey() {
    CryptoProvider empty = CryptoProvider.detect(() -> new EmptyProvider());
    assertThat(empty.isNative()).isTrue(); // loaded, but it offers no RSA KeyFactory

    RsaSha256Signer signer = RsaSha256Signer.create(MERCHANT_SERIAL, merchantKey(), empty);

    assertThat(signer.cryptoProvider()).isEqualTo(CryptoProvider.jdk());
    assertThat(signer.sign(bytes("request-get.message"))).isEqualTo(text("request-get.signature"));
  }

  @Test
  void jdkIsUsedWhenForcedEvenWithCorrettoPresent() {
    RsaSha256Signer signer =
        RsaSha256Signer.create(MERCHANT_SERIAL, merchantKey(), CryptoProvider.jdk());

    assertThat(signer.cryptoProvider().name()).isEqualTo("JDK");
    assertThat(CryptoProvider.forKey(merchantKey())).isEqualTo(CryptoProvider.jdk());
  }

  private static void assertGoldenSignatureWith(CryptoProvider provider) {
    RsaSha256Signer signer = RsaSha256Signer.create(MERCHANT_SERIAL, merchantKey(), provider);
    assertThat(signer.sign(bytes("request-post.message")))
        .isEqualTo(text("request-post.signature"));
  }

  /** A provider with no services at all. */
  private static final class EmptyProvider extends Provider {
    EmptyProvider() {
      super("Empty", "1", "a provider without RSA");
    }

    @Override
    public @Nullable Service getService(String type, String algorithm) {
      return null;
    }
  }
}
