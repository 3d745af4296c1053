package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.Refund;
import io.wxpay4j.model.RefundStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How refund query answers and failures map to the six outcomes. */
final class RefundOutcomeTest {
  @Test
  void everyRefundStatusMapsToAnOutcome() {
    Map<RefundStatus, RefundOutcome.Status> expected = new EnumMap<>(RefundStatus.class);
    expected.put(RefundStatus.PROCESSING, RefundOutcome.Status.PROCESSING);
    expected.put(RefundStatus.SUCCESS, RefundOutcome.Status.SUCCESS);
    expected.put(RefundStatus.CLOSED, RefundOutcome.Status.CLOSED);
    expected.put(RefundStatus.CLOSE, RefundOutcome.Status.CLOSED);
    expected.put(RefundStatus.ABNORMAL, RefundOutcome.Status.ABNORMAL);
    expected.put(RefundStatus.UNKNOWN_DEFAULT_OPEN_API, RefundOutcome.Status.UNKNOWN);

    assertThat(expected).hasSize(RefundStatus.values().length);
    expected.forEach(
        (state, status) ->
            assertThat(RefundOutcome.status(state)).as(state.name()).isEqualTo(status));
    assertThat(RefundOutcome.status(null)).isEqualTo(RefundOutcome.Status.UNKNOWN);
  }

  @Test
  void onlySuccessAndClosedAreFinal() {
    assertThat(RefundOutcome.of("R1", refund("R1", "SUCCESS")).isFinal()).isTrue();
    assertThat(RefundOutcome.of("R1", refund("R1", "CLOSED")).isFinal()).isTrue();
    assertThat(RefundOutcome.of("R1", refund("R1", "ABNORMAL")).isFinal()).isFalse();
    assertThat(RefundOutcome.of("R1", refund("R1", "PROCESSING")).isFinal()).isFalse();
  }

  @Test
  void anAnswerAboutAnotherRefundIsNeverTrusted() {
    RefundOutcome outcome = RefundOutcome.of("R1", refund("R2", "SUCCESS"));

    assertThat(outcome.status()).isEqualTo(RefundOutcome.Status.UNKNOWN);
    assertThat(outcome.refund().getOutRefundNo()).isEqualTo("R2");
    assertThat(outcome.failure()).isNull();
  }

  @Test
  void aStatusThisSdkDoesNotKnowIsUnknown() {
    assertThat(RefundOutcome.of("R1", refund("R1", "REVERSED")).status())
        .isEqualTo(RefundOutcome.Status.UNKNOWN);
  }

  @Test
  void resourceNotExistsIn404IsNotFoundInEitherSpelling() {
    assertThat(RefundOutcome.failed("R1", apiError(404, "RESOURCE_NOT_EXISTS")).status())
        .isEqualTo(RefundOutcome.Status.NOT_FOUND);
    assertThat(RefundOutcome.failed("R1", apiError(404, "RESOURCENOTEXISTS")).status())
        .isEqualTo(RefundOutcome.Status.NOT_FOUND);
  }

  @Test
  void other404sAndOtherCodesProveNothing() {
    assertThat(RefundOutcome.failed("R1", apiError(404, "MCH_NOT_EXISTS")).status())
        .isEqualTo(RefundOutcome.Status.UNKNOWN);
    assertThat(RefundOutcome.failed("R1", apiError(404, "ORDER_NOT_EXIST")).status())
        .isEqualTo(RefundOutcome.Status.UNKNOWN);
    assertThat(RefundOutcome.failed("R1", apiError(400, "RESOURCE_NOT_EXISTS")).status())
        .isEqualTo(RefundOutcome.Status.UNKNOWN);
    WechatPayApiException proxyPage =
        new WechatPayApiException(
            WechatPayErrorResponse.parse(
                404, null, "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8)),
            "queryByOutRefundNo",
            true);
    assertThat(RefundOutcome.failed("R1", proxyPage).status())
        .isEqualTo(RefundOutcome.Status.UNKNOWN);
  }

  @Test
  void toStringShowsIdsAndStatusButNoAmountsOrAccounts() {
    RefundOutcome outcome = RefundOutcome.of("R1", refund("R1", "SUCCESS"));

    assertThat(outcome.toString())
        .isEqualTo(
            "RefundOutcome{outRefundNo=R1, status=SUCCESS, refundId=50000000382019052709732678859,"
                + " refundStatus=SUCCESS}")
        .doesNotContain("0403");
    assertThat(RefundOutcome.failed("R1", apiError(503, "SERVICE_UNAVAILABLE")).toString())
        .isEqualTo("RefundOutcome{outRefundNo=R1, status=UNKNOWN, failure=WechatPayApiException}");
  }

  static Refund refund(String outRefundNo, String status) {
    try {
      return WechatPayJson.moshi()
          .adapter(Refund.class)
          .fromJson(
              "{\"refund_id\":\"50000000382019052709732678859\",\"out_refund_no\":\""
                  + outRefundNo
                  + "\",\"transaction_id\":\"1217752501201407033233368018\","
                  + "\"out_trade_no\":\"1217752501201407033233368018\",\"channel\":\"ORIGINAL\","
                  + "\"user_received_account\":\"招商银行信用卡0403\","
                  + "\"create_time\":\"2020-12-01T16:18:12+08:00\",\"status\":\""
                  + status
                  + "\",\"amount\":{\"total\":100,\"refund\":100,\"payer_total\":100,"
                  + "\"payer_refund\":100,\"settlement_refund\":100,\"settlement_total\":100,"
                  + "\"discount_refund\":0,\"currency\":\"CNY\"}}");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static WechatPayApiException apiError(int status, String code) {
    byte[] body =
        ("{\"code\":\"" + code + "\",\"message\":\"m\"}").getBytes(StandardCharsets.UTF_8);
    return new WechatPayApiException(
        WechatPayErrorResponse.parse(status, "R-" + status, body), "queryByOutRefundNo", true);
  }
}
