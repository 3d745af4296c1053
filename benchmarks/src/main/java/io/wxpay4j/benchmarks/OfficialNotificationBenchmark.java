package io.wxpay4j.benchmarks;

import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The official SDK's {@code NotificationParser} on the same notice, in public-key mode as its
 * README configures it (JDK crypto): the body handed over as a {@code String} (its API takes one,
 * so the UTF-8 decoding of the bytes is counted), verified, decrypted, decoded to its {@code
 * Transaction}.
 */
@State(Scope.Benchmark)
public class OfficialNotificationBenchmark {
  private NotificationParser parser;
  private NotificationFixture notice;

  @Setup
  public void setUp() {
    parser =
        new NotificationParser(
            new RSAPublicKeyNotificationConfig.Builder()
                .publicKey(Fixtures.PLATFORM.getPublic())
                .publicKeyId(Fixtures.PUBLIC_KEY_ID)
                .apiV3Key(Fixtures.API_V3_KEY)
                .build());
  }

  /** Signed afresh each iteration, as for wxpay4j. */
  @Setup(Level.Iteration)
  public void sign() {
    notice = NotificationFixture.signedAt(Instant.now());
  }

  /** Verifies, decrypts and decodes the notice; returns the paid order. */
  @Benchmark
  public Transaction parse() {
    RequestParam request =
        new RequestParam.Builder()
            .serialNumber(notice.headers.get("Wechatpay-Serial"))
            .nonce(notice.headers.get("Wechatpay-Nonce"))
            .signature(notice.headers.get("Wechatpay-Signature"))
            .timestamp(notice.headers.get("Wechatpay-Timestamp"))
            .signType(notice.headers.get("Wechatpay-Signature-Type"))
            .body(new String(notice.body, StandardCharsets.UTF_8))
            .build();
    return parser.parse(request, Transaction.class);
  }
}
