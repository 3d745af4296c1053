package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.WechatPaySignatureException.Reason;
import io.wxpay4j.model.Amount;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where requests go and which answers are trusted, on the wire (MockWebServer; answers signed with
 * the JDK by {@link SignedAnswers}): the README's Security table cites these.
 */
final class SecurityGuaranteesTest {
  private static final String ORDER_NOT_EXIST =
      "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}";

  private final MockWebServer server = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private WechatPayClient wechatPay;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    elsewhere.start();
    wechatPay = SignedAnswers.client(server, time);
  }

  @AfterEach
  void tearDown() {
    wechatPay.close();
    server.close();
    elsewhere.close();
  }

  @Test
  void aRedirectIsNotFollowedAndTheOrderNeverReachesItsTarget() {
    server.enqueue(
        new MockResponse.Builder()
            .code(307)
            .setHeader("Location", elsewhere.url("/v3/pay/transactions/native").toString())
            .build());

    assertThatThrownBy(
            () ->
                wechatPay
                    .orders()
                    .prepayNative(
                        order ->
                            order
                                .description("redirected")
                                .outTradeNo("1217752501201407033233368018")
                                .amount(Amount.builder().total(1).build())))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(307);
              assertThat(e.isVerified()).isFalse();
              assertThat(e.mayHaveTakenEffect()).isTrue();
            })
        .hasMessageContaining("a redirect to \"" + elsewhere.url("/v3/pay/transactions/native"))
        .hasMessageContaining("was not followed");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void aRequestToAnotherHostIsNeverSigned() {
    Request foreign =
        new Request.Builder().url(elsewhere.url("/v3/pay/transactions/native")).build();

    assertThatThrownBy(
            () -> {
              try (Response ignored = wechatPay.okHttpClient().newCall(foreign).execute()) {
                throw new AssertionError("the request was sent");
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("refusing to sign a request to " + elsewhere.getHostName() + ":")
        .hasMessageContaining("not one of this client's hosts");
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void aSignedErrorAnswerWithABadSignatureIsAVerificationFailure() {
    MockResponse signed = SignedAnswers.json(404, ORDER_NOT_EXIST);
    server.enqueue(signed.newBuilder().body(ORDER_NOT_EXIST.replace("订单不存在", "订单已支付")).build());

    assertThatThrownBy(() -> wechatPay.orders().queryByOutTradeNo("1217752501201407033233368018"))
        .isInstanceOfSatisfying(
            WechatPaySignatureException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
              assertThat(e.mayHaveTakenEffect()).isTrue();
            });
  }

  @Test
  void aSignedErrorAnswerThatVerifiesIsMarkedVerified() {
    server.enqueue(SignedAnswers.json(404, ORDER_NOT_EXIST));

    assertThatThrownBy(() -> wechatPay.orders().queryByOutTradeNo("1217752501201407033233368018"))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.hasCode("ORDER_NOT_EXIST")).isTrue();
              assertThat(e.isVerified()).isTrue();
            });
  }

  @Test
  void anUnsignedErrorAnswerIsNotVerifiedAndMayHaveTakenEffect() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .setHeader("Content-Type", "application/json")
            .body(ORDER_NOT_EXIST)
            .build());

    assertThatThrownBy(() -> wechatPay.orders().queryByOutTradeNo("1217752501201407033233368018"))
        .isInstanceOfSatisfying(
            WechatPayApiException.class,
            e -> {
              assertThat(e.hasCode("ORDER_NOT_EXIST")).isTrue();
              assertThat(e.isVerified()).isFalse();
              assertThat(e.mayHaveTakenEffect()).isTrue(); // nothing it says is trusted
            });
  }

  @Test
  void anAnswerOverFourMebibytesIsRefusedUnread() {
    server.enqueue(SignedAnswers.json(200, "{\"pad\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}"));

    assertThatThrownBy(
            () ->
                wechatPay
                    .orders()
                    .withRetryPolicy(RetryPolicy.none())
                    .queryByOutTradeNo("1217752501201407033233368018"))
        .isInstanceOfSatisfying(
            WechatPayException.class, e -> assertThat(e.mayHaveTakenEffect()).isTrue())
        .hasMessageContaining("the answer is larger than 4194304 bytes: refused unread");
  }

  @Test
  void anAnswerOverFourMebibytesIsNotRetried() {
    server.enqueue(SignedAnswers.json(200, "{\"pad\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}"));
    server.enqueue(SignedAnswers.json(200, "{}")); // what a retry would get

    assertThatThrownBy(
            () ->
                wechatPay
                    .orders()
                    .queryByOutTradeNo("1217752501201407033233368018")) // default retries
        .isInstanceOfSatisfying(
            WechatPayException.class, e -> assertThat(e.mayHaveTakenEffect()).isTrue())
        .hasMessageContaining("refused unread");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
