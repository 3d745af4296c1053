package io.wxpay4j.pay;

import static io.wxpay4j.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.auth.TestClock;
import org.junit.jupiter.api.Test;

class PayParametersSignerTest {
  private final PayParametersSigner paySigner =
      PayParametersSigner.create(
          merchantSigner(), new TestClock(REQUEST_TIMESTAMP), () -> REQUEST_NONCE);

  @Test
  void jsapiPaySignEqualsTheOpensslGoldenValue() {
    JsapiPayParameters p =
        paySigner.jsapi("wxd678efh567hg6787", "wx201410272009395522657a690389285100");
    assertThat(p.paySign()).isEqualTo(text("pay-jsapi.signature"));
    assertThat(p.toJson())
        .isEqualTo(
            "{\"appId\":\"wxd678efh567hg6787\",\"timeStamp\":\"1554208460\",\"nonceStr\":\""
                + REQUEST_NONCE
                + "\",\"package\":\"prepay_id=wx201410272009395522657a690389285100\",\"signType\":\"RSA\","
                + "\"paySign\":\""
                + text("pay-jsapi.signature")
                + "\"}");
  }

  @Test
  void miniProgramIsSignedLikeJsapiAndItsJsonHasNoAppId() {
    JsapiPayParameters p =
        paySigner.miniProgram("wxd678efh567hg6787", "wx201410272009395522657a690389285100");
    assertThat(p.paySign()).isEqualTo(text("pay-jsapi.signature"));
    assertThat(p.toMiniProgramJson())
        .startsWith("{\"timeStamp\":\"1554208460\",")
        .doesNotContain("appId");
  }

  @Test
  void appSignEqualsTheOpensslGoldenValueOverTheRawPrepayId() {
    AppPayParameters p =
        paySigner.app("wxd678efh567hg6787", MERCHANT_ID, "wx201410272009395522657a690389285100");
    assertThat(p.sign()).isEqualTo(text("pay-app.signature"));
    assertThat(p.toJson())
        .isEqualTo(
            "{\"appid\":\"wxd678efh567hg6787\",\"partnerid\":\"1900000109\",\"prepayid\":"
                + "\"wx201410272009395522657a690389285100\",\"package\":\"Sign=WXPay\",\"noncestr\":\""
                + REQUEST_NONCE
                + "\",\"timestamp\":\"1554208460\",\"sign\":\""
                + text("pay-app.signature")
                + "\"}");
  }

  @Test
  void prepayIdWithPackagePrefixIsRejected() {
    assertThatThrownBy(() -> paySigner.jsapi("wxd678efh567hg6787", "prepay_id=wx2014"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "prepayId must be the bare prepay_id from the prepay response, without the"
                + " \"prepay_id=\" prefix");
  }

  @Test
  void blankAppIdIsRejected() {
    assertThatThrownBy(() -> paySigner.app(" ", MERCHANT_ID, "wx2014"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("appId must not be blank or have surrounding whitespace");
  }
}
