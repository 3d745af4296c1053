package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.Amount;
import io.wxpay4j.model.PrepayRequest;
import org.junit.jupiter.api.Test;

/** The 4-byte character check's fast path (UTF-8 lead bytes) agrees with the exact tree walk. */
class RequestChecksTest {
  private static PrepayRequest order(String description) {
    return PrepayRequest.builder()
        .appid("wxd678efh567hg6787")
        .mchid("1900000109")
        .description(description)
        .outTradeNo("1217752501201407033233368018")
        .notifyUrl("https://www.weixin.qq.com/wxpay/pay.php")
        .amount(Amount.builder().total(1).currency("CNY").build())
        .build();
  }

  @Test
  void threeByteCharactersAndQuestionMarksPass() {
    assertThatCode(
            () -> RequestChecks.threeByteUtf8(order("Image形象店-深圳腾大-QQ公仔? ¥1"), PrepayRequest.class))
        .doesNotThrowAnyException();
  }

  @Test
  void loneSurrogateIsRefusedThoughMoshiWouldWriteItAsAQuestionMark() {
    assertThatThrownBy(
            () -> RequestChecks.threeByteUtf8(order("broken \uD83D half"), PrepayRequest.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("/description contains a character that UTF-8 encodes in 4 bytes");
  }

  @Test
  void supplementaryCharacterIsRefused() {
    assertThatThrownBy(
            () -> RequestChecks.threeByteUtf8(order("𠀀 CJK extension B"), PrepayRequest.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("/description contains a character that UTF-8 encodes in 4 bytes");
  }
}
