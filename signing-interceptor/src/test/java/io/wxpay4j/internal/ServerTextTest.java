package io.wxpay4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerTextTest {
  @Test
  void lineBreaksAndTabsAreWrittenAsEscapes() {
    assertThat(ServerText.clean("a\nb\rc\td", 100)).isEqualTo("a\\nb\\rc\\td");
  }

  @Test
  void otherControlCharactersAreWrittenAsUnicodeEscapes() {
    assertThat(ServerText.clean("a\u0000b\u001bc\u007fd\u0085e", 100))
        .isEqualTo("a\\u0000b\\u001Bc\\u007Fd\\u0085e");
  }

  @Test
  void lineSeparatorsAndBidiOverridesAreWrittenAsUnicodeEscapes() {
    assertThat(ServerText.clean("a\u2028b\u2029c\u202Ed\u2066e\u200Ff\uFEFFg", 100))
        .isEqualTo("a\\u2028b\\u2029c\\u202Ed\\u2066e\\u200Ff\\uFEFFg");
  }

  @Test
  void aBackslashIsDoubledSoThatNoEscapeCanBeFaked() {
    assertThat(ServerText.clean("a\\nb", 100)).isEqualTo("a\\\\nb");
  }

  @Test
  void chineseAndSupplementaryCharactersAreKept() {
    assertThat(ServerText.clean("订单不存在 \uD83D\uDE00", 100)).isEqualTo("订单不存在 \uD83D\uDE00");
  }

  @Test
  void aLoneSurrogateIsEscaped() {
    assertThat(ServerText.clean("a\uD83Db", 100)).isEqualTo("a\\uD83Db");
  }

  @Test
  void longTextIsCutAtTheLimitWithAnEllipsis() {
    assertThat(ServerText.clean("abcdef", 3)).isEqualTo("abc…");
    assertThat(ServerText.clean("abc", 3)).isEqualTo("abc");
    assertThat(ServerText.quote("abcdef", 3)).isEqualTo("\"abc…\"");
  }

  @Test
  void theCutNeverSplitsASurrogatePair() {
    assertThat(ServerText.clean("ab\uD83D\uDE00", 3)).isEqualTo("ab…");
  }

  @Test
  void cleanOrNullKeepsNull() {
    assertThat(ServerText.cleanOrNull(null, 3)).isNull();
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> ServerText.clean("a", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be positive, was 0");
  }
}
