package io.wxpay4j.benchmarks;

import io.wxpay4j.auth.ApiV3Key;
import io.wxpay4j.auth.PublicKeyVerifier;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.notify.NotificationParser;
import io.wxpay4j.notify.NotificationRequest;
import io.wxpay4j.notify.WechatPayNotificationException;
import java.time.Instant;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * wxpay4j's notification parsing: a payment notice's signature verified, its resource decrypted and
 * decoded to the paid order, checked against the merchant and its app, as a notify endpoint calls
 * it ({@link NotificationRequest} from the headers and body bytes, {@code parseTransaction}).
 */
@State(Scope.Benchmark)
public class NotificationBenchmark {
  /** {@code jdk} or {@code native} (Amazon Corretto Crypto Provider). */
  @Param({"jdk", "native"})
  public String provider = "jdk";

  private NotificationParser parser;
  private NotificationFixture notice;

  @Setup
  public void setUp() {
    parser =
        NotificationParser.builder()
            .verifier(
                PublicKeyVerifier.create(
                    Fixtures.PUBLIC_KEY_ID,
                    Fixtures.PLATFORM.getPublic(),
                    Fixtures.cryptoProvider(provider)))
            .apiV3Key(ApiV3Key.of(Fixtures.API_V3_KEY))
            .merchantId(Fixtures.MERCHANT_ID)
            .appIds(List.of(Fixtures.APP_ID))
            .build();
  }

  /** Signed afresh each iteration: the five-minute window outlasts no benchmark run. */
  @Setup(Level.Iteration)
  public void sign() {
    notice = NotificationFixture.signedAt(Instant.now());
  }

  /** Verifies, decrypts and decodes the notice; returns the paid order. */
  @Benchmark
  public Transaction parse() throws WechatPayNotificationException {
    return parser.parseTransaction(NotificationRequest.create(notice.headers::get, notice.body));
  }
}
