package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.Amount;
import io.wxpay4j.model.PrepayRequest;
import java.lang.annotation.Annotation;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import retrofit2.Converter;

/**
 * The 4-byte character check on the serialised body: its fast path (UTF-8 lead bytes) agrees with
 * the exact tree walk.
 */
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

  /** Serialises {@code request} as the pipeline does before sending it: the check runs there. */
  @SuppressWarnings("unchecked")
  private static RequestBody send(PrepayRequest request) throws Exception {
    Converter<Object, RequestBody> converter =
        (Converter<Object, RequestBody>)
            JsonBodies.INSTANCE.requestBodyConverter(
                PrepayRequest.class, new Annotation[0], new Annotation[0], null);
    return converter.convert(request);
  }

  @Test
  void theCheckedBytesAreTheBytesSent() throws Exception {
    Buffer sent = new Buffer();
    send(order("Image形象店-深圳腾大-QQ公仔")).writeTo(sent);
    assertThat(sent.readUtf8()).contains("\"description\":\"Image形象店-深圳腾大-QQ公仔\"");
  }

  @Test
  void threeByteCharactersAndQuestionMarksPass() {
    assertThatCode(() -> send(order("Image形象店-深圳腾大-QQ公仔? ¥1"))).doesNotThrowAnyException();
  }

  @Test
  void loneSurrogateIsRefusedThoughMoshiWouldWriteItAsAQuestionMark() {
    assertThatThrownBy(() -> send(order("broken \uD83D half")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("/description contains a character that UTF-8 encodes in 4 bytes");
  }

  @Test
  void supplementaryCharacterIsRefused() {
    assertThatThrownBy(() -> send(order("𠀀 CJK extension B")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("/description contains a character that UTF-8 encodes in 4 bytes");
  }
}
