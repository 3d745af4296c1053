package io.wxpay4j.benchmarks;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The crypto of one call alone: one SHA256withRSA sign of a request message and one verification of
 * an answer's signature, RSA-2048, per provider, engines initialised once per thread.
 */
@State(Scope.Thread)
public class CryptoBenchmark {
  /** {@code jdk} or {@code native} (Amazon Corretto Crypto Provider). */
  @Param({"jdk", "native"})
  public String provider = "jdk";

  private Signature signer;
  private Signature verifier;
  private byte[] requestMessage;
  private byte[] responseMessage;
  private byte[] responseSignature;

  @Setup
  public void setUp() throws GeneralSecurityException {
    @Nullable Provider jca = Fixtures.jcaProvider(provider);
    long timestamp = System.currentTimeMillis() / 1000;
    String nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
    requestMessage =
        Fixtures.utf8(
            "POST\n"
                + Fixtures.PREPAY_PATH
                + "\n"
                + timestamp
                + "\n"
                + nonce
                + "\n"
                + Fixtures.PREPAY_JSON
                + "\n");
    responseMessage =
        Fixtures.utf8(timestamp + "\n" + nonce + "\n" + CannedServer.QUERY_BODY + "\n");
    Signature platform = Fixtures.signature(null);
    platform.initSign(Fixtures.PLATFORM.getPrivate());
    platform.update(responseMessage);
    responseSignature = platform.sign();
    signer = Fixtures.signature(jca);
    signer.initSign(Fixtures.privateKey(Fixtures.MERCHANT.getPrivate(), jca));
    verifier = Fixtures.signature(jca);
    verifier.initVerify(Fixtures.publicKey(Fixtures.PLATFORM.getPublic(), jca));
  }

  /** One sign and one verify; returns the Base64 request signature. */
  @Benchmark
  public String signAndVerify() throws GeneralSecurityException {
    signer.update(requestMessage);
    String signature = Base64.getEncoder().encodeToString(signer.sign());
    verifier.update(responseMessage);
    if (!verifier.verify(responseSignature)) {
      throw new IllegalStateException("verification failed");
    }
    return signature;
  }
}
