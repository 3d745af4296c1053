package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WechatPayErrorResponseTest {
  @Test
  void documentedBodyIsParsed() {
    WechatPayErrorResponse e =
        WechatPayErrorResponse.parse(
            404,
            "R-1",
            "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\",\"extra\":1}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.code()).isEqualTo("ORDER_NOT_EXIST");
    assertThat(e.message()).isEqualTo("订单不存在");
    assertThat(e.detail()).isNull();
    assertThat(e.toString())
        .isEqualTo(
            "WechatPayErrorResponse{httpStatus=404, code=ORDER_NOT_EXIST, message=订单不存在,"
                + " requestId=R-1}");
  }

  @Test
  void nonJsonBodyKeepsStatusRequestIdAndText() {
    WechatPayErrorResponse e =
        WechatPayErrorResponse.parse(
            502, null, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));
    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.code()).isNull();
    assertThat(e.message()).isNull();
    assertThat(e.body()).isEqualTo("<html>Bad Gateway</html>");
  }

  @Test
  void emptyBodyIsAccepted() {
    assertThat(WechatPayErrorResponse.parse(500, "R", new byte[0]).code()).isNull();
  }

  @Test
  void detailValueIsKeptOutOfToString() {
    WechatPayErrorResponse e =
        WechatPayErrorResponse.parse(
            400,
            "R-2",
            ("{\"code\":\"PARAM_ERROR\",\"message\":\"bad\",\"detail\":{\"field\":\"/payer/openid\","
                    + "\"value\":\"oSECRETopenid\",\"issue\":\"invalid\",\"location\":\"body\"}}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(e.detail().value()).isEqualTo("oSECRETopenid");
    assertThat(e.toString()).doesNotContain("oSECRETopenid").contains("detail.field=/payer/openid");
    assertThat(e.detail().toString()).doesNotContain("oSECRETopenid");
  }
}
