package io.wxpay4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec's constraints as the generated builders enforce them. */
final class BuildersTest {
  private static PrepayRequest.Builder valid() {
    return PrepayRequest.builder()
        .appid("wx1")
        .mchid("1900000109")
        .description("T-shirt")
        .outTradeNo("order_2024-01|*")
        .notifyUrl("https://example.com/notify")
        .amount(Amount.builder().total(1).build());
  }

  @Test
  void validRequestBuilds() {
    assertThat(valid().build().getOutTradeNo()).isEqualTo("order_2024-01|*");
  }

  @Test
  void missingRequiredFieldIsNamed() {
    assertThatThrownBy(() -> valid().notifyUrl(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PrepayRequest.notify_url is required but was not set");
    assertThatThrownBy(() -> Amount.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Amount.total is required but was not set");
  }

  @Test
  void outTradeNoShorterThanSixIsRejected() {
    assertThatThrownBy(() -> valid().outTradeNo("abc12").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PrepayRequest.out_trade_no must be at least 6 characters but has 5");
  }

  @Test
  void outTradeNoLongerThanThirtyTwoIsRejected() {
    assertThatThrownBy(() -> valid().outTradeNo("a".repeat(33)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PrepayRequest.out_trade_no must be at most 32 characters but has 33");
  }

  @Test
  void outTradeNoWithForbiddenCharacterIsRejected() {
    assertThatThrownBy(() -> valid().outTradeNo("order#123").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PrepayRequest.out_trade_no must match ^[0-9A-Za-z_\\-|*]{6,32}$ but does not");
  }

  @Test
  void descriptionCountsCharactersNotBytes() {
    assertThat(valid().description("支".repeat(127)).build().getDescription()).hasSize(127);
    assertThatThrownBy(() -> valid().description("支".repeat(128)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PrepayRequest.description must be at most 127 characters but has 128");
  }

  @Test
  void nonPositiveTotalIsRejected() {
    assertThatThrownBy(() -> Amount.builder().total(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Amount.total must be at least 1 but is 0");
  }

  @Test
  void emptyGoodsDetailIsRejected() {
    assertThatThrownBy(() -> OrderDetail.builder().goodsDetail(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("OrderDetail.goods_detail must have at least 1 items but has 0");
  }

  @Test
  void toStringRedactsPayerIdentifiersAndCiphertexts() {
    Payer payer = Payer.builder().openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").build();
    EncryptedResource resource =
        EncryptedResource.builder()
            .algorithm("AEAD_AES_256_GCM")
            .nonce("n")
            .ciphertext("SECRETCIPHER")
            .build();

    assertThat(valid().payer(payer).build().toString())
        .doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assertThat(resource.toString())
        .doesNotContain("SECRETCIPHER")
        .contains("algorithm=AEAD_AES_256_GCM");
  }

  @Test
  void listsAreCopiedAndUnmodifiable() {
    java.util.ArrayList<GoodsDetail> goods = new java.util.ArrayList<>();
    goods.add(GoodsDetail.builder().merchantGoodsId("1").quantity(1).unitPrice(1).build());
    OrderDetail detail = OrderDetail.builder().goodsDetail(goods).build();
    goods.clear();

    assertThat(detail.getGoodsDetail()).hasSize(1);
    assertThatThrownBy(() -> detail.getGoodsDetail().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilderCopiesEveryField() {
    PrepayRequest request = valid().attach("a").goodsTag("g").supportFapiao(true).build();

    assertThat(request.toBuilder().build()).isEqualTo(request).hasSameHashCodeAs(request);
    assertThat(request.toBuilder().attach("b").build()).isNotEqualTo(request);
  }
}
