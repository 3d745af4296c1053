package io.wxpay4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Base64;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The floors: the same HTTP exchange with bare OkHttp and a precomputed {@code Authorization}
 * header (no crypto, no JSON), and that plus exactly one RSA sign of the request message and one
 * verification of the answer's signature with the provider in use (engines initialised once per
 * thread). What an SDK adds above the second floor is its own overhead.
 */
@State(Scope.Benchmark)
public class FloorBenchmark {
  private static final MediaType JSON = MediaType.get("application/json");

  private OkHttpClient client;
  private Request prepay;
  private Request query;

  @Setup
  public void setUp() throws GeneralSecurityException {
    String base = Fixtures.server().baseUrl();
    client = new OkHttpClient();
    long timestamp = System.currentTimeMillis() / 1000;
    prepay =
        new Request.Builder()
            .url(base + Fixtures.PREPAY_PATH.substring(1))
            .header(
                "Authorization",
                authorization("POST", Fixtures.PREPAY_PATH, timestamp, Fixtures.PREPAY_JSON))
            .header("Accept", "application/json")
            .post(RequestBody.create(Fixtures.utf8(Fixtures.PREPAY_JSON), JSON))
            .build();
    query =
        new Request.Builder()
            .url(base + Fixtures.QUERY_PATH.substring(1))
            .header("Authorization", authorization("GET", Fixtures.QUERY_PATH, timestamp, ""))
            .header("Accept", "application/json")
            .build();
  }

  @TearDown
  public void tearDown() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** A real signature, computed once: the server only checks that the header is there. */
  private static String authorization(String method, String path, long timestamp, String body)
      throws GeneralSecurityException {
    String nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
    Signature rsa = Fixtures.signature(null);
    rsa.initSign(Fixtures.MERCHANT.getPrivate());
    rsa.update(
        Fixtures.utf8(method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n"));
    return "WECHATPAY2-SHA256-RSA2048 mchid=\""
        + Fixtures.MERCHANT_ID
        + "\",nonce_str=\""
        + nonce
        + "\",timestamp=\""
        + timestamp
        + "\",serial_no=\""
        + Fixtures.MERCHANT_SERIAL
        + "\",signature=\""
        + Base64.getEncoder().encodeToString(rsa.sign())
        + "\"";
  }

  /** Per-thread RSA engines of one provider, initialised once; the messages are the real shapes. */
  @State(Scope.Thread)
  public static class Crypto {
    /** {@code jdk} or {@code native} (Amazon Corretto Crypto Provider). */
    @Param({"jdk", "native"})
    public String provider = "jdk";

    Signature signer;
    Signature verifier;
    byte[] prepayMessage;
    byte[] queryMessage;

    @Setup
    public void setUp() throws GeneralSecurityException {
      @Nullable Provider jca = Fixtures.jcaProvider(provider);
      signer = Fixtures.signature(jca);
      signer.initSign(Fixtures.privateKey(Fixtures.MERCHANT.getPrivate(), jca));
      verifier = Fixtures.signature(jca);
      verifier.initVerify(Fixtures.publicKey(Fixtures.PLATFORM.getPublic(), jca));
      long timestamp = System.currentTimeMillis() / 1000;
      String nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
      prepayMessage =
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
      queryMessage =
          Fixtures.utf8("GET\n" + Fixtures.QUERY_PATH + "\n" + timestamp + "\n" + nonce + "\n\n");
    }

    String sign(byte[] message) throws GeneralSecurityException {
      signer.update(message);
      return Base64.getEncoder().encodeToString(signer.sign());
    }

    /**
     * Verifies the answer's signature over {@code timestamp\nnonce\nbody\n}; throws if it does not
     * hold.
     */
    void verify(Response response, byte[] body) throws GeneralSecurityException {
      byte[] timestamp = response.header("Wechatpay-Timestamp").getBytes(StandardCharsets.UTF_8);
      byte[] nonce = response.header("Wechatpay-Nonce").getBytes(StandardCharsets.UTF_8);
      byte[] signature = Base64.getDecoder().decode(response.header("Wechatpay-Signature"));
      byte[] message = new byte[timestamp.length + nonce.length + body.length + 3];
      int at = 0;
      System.arraycopy(timestamp, 0, message, at, timestamp.length);
      message[at += timestamp.length] = '\n';
      System.arraycopy(nonce, 0, message, ++at, nonce.length);
      message[at += nonce.length] = '\n';
      System.arraycopy(body, 0, message, ++at, body.length);
      message[at + body.length] = '\n';
      verifier.update(message);
      if (!verifier.verify(signature)) {
        throw new IllegalStateException("the canned answer's signature did not verify");
      }
    }
  }

  /** POST the prepay body; returns the answer's bytes. */
  @Benchmark
  public byte[] prepay() throws IOException {
    return exchange(prepay);
  }

  /** GET the query; returns the answer's bytes. */
  @Benchmark
  public byte[] query() throws IOException {
    return exchange(query);
  }

  /** The prepay exchange plus one sign and one verify. */
  @Benchmark
  public byte[] prepayWithCrypto(Crypto crypto) throws IOException, GeneralSecurityException {
    crypto.sign(crypto.prepayMessage);
    return exchangeAndVerify(prepay, crypto);
  }

  /** The query exchange plus one sign and one verify. */
  @Benchmark
  public byte[] queryWithCrypto(Crypto crypto) throws IOException, GeneralSecurityException {
    crypto.sign(crypto.queryMessage);
    return exchangeAndVerify(query, crypto);
  }

  private byte[] exchange(Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code());
      }
      ResponseBody body = response.body();
      return body.bytes();
    }
  }

  private byte[] exchangeAndVerify(Request request, Crypto crypto)
      throws IOException, GeneralSecurityException {
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code());
      }
      byte[] body = response.body().bytes();
      crypto.verify(response, body);
      return body;
    }
  }
}
