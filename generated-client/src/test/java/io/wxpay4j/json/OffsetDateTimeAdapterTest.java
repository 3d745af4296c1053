package io.wxpay4j.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** RFC 3339 times: the fast path for WeChat Pay's two forms agrees with the JDK's formatter. */
final class OffsetDateTimeAdapterTest {
  private final JsonAdapter<OffsetDateTime> adapter =
      WechatPayJson.moshi().adapter(OffsetDateTime.class);

  @Test
  void commonFormsParseAsTheFormatterParsesThem() throws Exception {
    for (String text :
        new String[] {
          "2018-06-08T10:34:56+08:00",
          "2018-06-08T02:34:56Z",
          "2024-02-29T23:59:59-05:30",
          "1999-12-31T00:00:00+00:00",
          "2021-08-28T14:42:39+14:00"
        }) {
      OffsetDateTime expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      assertThat(WechatPayJson.OffsetDateTimeAdapter.parseCommonForm(text))
          .as(text)
          .isEqualTo(expected);
      assertThat(adapter.fromJson("\"" + text + "\"")).as(text).isEqualTo(expected);
    }
  }

  @Test
  void otherFormsFallBackToTheFormatter() throws Exception {
    for (String text :
        new String[] {
          "2018-06-08T10:34:56.123+08:00", "2018-06-08T10:34:56.5Z", "2018-06-08T10:34+08:00"
        }) {
      assertThat(WechatPayJson.OffsetDateTimeAdapter.parseCommonForm(text)).as(text).isNull();
      assertThat(adapter.fromJson("\"" + text + "\""))
          .as(text)
          .isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
  }

  @Test
  void malformedTimesAreRejectedNamingThePath() {
    for (String text :
        new String[] {
          "2018-13-08T10:34:56+08:00", // month 13
          "2018-02-30T10:34:56+08:00", // no such day
          "2018-06-08T24:34:56+08:00", // hour 24
          "2018-06-08T10:34:56+19:00", // offset out of range
          "2018-06-08 10:34:56+08:00", // no T
          "2018-06-0xT10:34:56+08:00", // not a digit
          "2018-06-08T10:34:56*08:00", // no sign
          "2018-06-08T10:34:56" // no offset
        }) {
      assertThatThrownBy(() -> adapter.fromJson("\"" + text + "\""))
          .as(text)
          .isInstanceOf(JsonDataException.class)
          .hasMessageContaining(text)
          .hasMessageContaining("RFC 3339");
    }
  }
}
