package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.WechatPaySignatureException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class WechatPaySignatureExceptionTest {
  private final WechatPaySignatureException failure =
      new WechatPaySignatureException(
          "Response signature not verified: header Wechatpay-Nonce is missing",
          Reason.MISSING_HEADER,
          "PUB_KEY_ID_0001",
          List.of("PUB_KEY_ID_0001"),
          "R-1",
          false,
          null);

  @Test
  void isFoundAnywhereInTheCauseChain() {
    IOException carrier = new IOException(failure.getMessage(), failure);
    assertThat(WechatPaySignatureException.from(failure)).isSameAs(failure);
    assertThat(WechatPaySignatureException.from(carrier)).isSameAs(failure);
    assertThat(WechatPaySignatureException.from(new UncheckedIOException(carrier)))
        .isSameAs(failure);
  }

  @Test
  void isNullForOtherFailuresAndCyclicChainsEnd() {
    IOException first = new IOException("first");
    IOException second = new IOException("second", first);
    first.initCause(second);
    assertThat(WechatPaySignatureException.from(new IOException("reset"))).isNull();
    assertThat(WechatPaySignatureException.from(second)).isNull();
  }

  @Test
  void theFacadeNamesTheOperationAndKeepsEverythingElse() {
    WechatPaySignatureException facade = failure.withOperation("prepayNative");
    assertThat(facade)
        .hasMessage(
            "prepayNative failed: Response signature not verified: header Wechatpay-Nonce is"
                + " missing")
        .hasCause(failure);
    assertThat(facade.reason()).isEqualTo(Reason.MISSING_HEADER);
    assertThat(facade.serial()).isEqualTo("PUB_KEY_ID_0001");
    assertThat(facade.trustedSerials()).containsExactly("PUB_KEY_ID_0001");
    assertThat(facade.requestId()).isEqualTo("R-1");
    assertThat(facade.isProbe()).isFalse();
    assertThat(facade.mayHaveTakenEffect()).isTrue();
    assertThat(facade.httpStatus()).isZero();
  }
}
