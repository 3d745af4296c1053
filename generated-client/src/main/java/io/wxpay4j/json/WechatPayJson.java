package io.wxpay4j.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.squareup.moshi.adapters.EnumJsonAdapter;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JSON configuration of the generated models: one {@link Moshi} that reads and writes them the
 * way WeChat Pay does.
 *
 * <pre>{@code
 * Transaction order = WechatPayJson.moshi().adapter(Transaction.class).fromJson(body);
 * }</pre>
 *
 * <ul>
 *   <li>RFC 3339 times ({@code 2018-06-08T10:34:56+08:00}, {@code …Z}, fractional seconds) decode
 *       to {@link OffsetDateTime}; they are written as {@code yyyy-MM-dd'T'HH:mm:ss+hh:mm}.
 *   <li>An enum value this SDK does not know decodes to the enum's {@code UNKNOWN_DEFAULT_OPEN_API}
 *       constant.
 *   <li>Unknown fields are ignored and nulls are never written (Moshi's defaults).
 * </ul>
 *
 * <p>The returned instance is immutable and shared; extend it with {@link Moshi#newBuilder()}.
 */
public final class WechatPayJson {
  /** The constant that {@code enumUnknownDefaultCase} adds to every generated enum. */
  static final String UNKNOWN_CONSTANT = "UNKNOWN_DEFAULT_OPEN_API";

  private static final Moshi MOSHI =
      new Moshi.Builder()
          .add(OffsetDateTime.class, new OffsetDateTimeAdapter().nullSafe())
          .add(WechatPayJson::unknownTolerantEnum)
          .build();

  private WechatPayJson() {}

  /** Returns the shared Moshi for the generated models. */
  public static Moshi moshi() {
    return MOSHI;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static JsonAdapter<?> unknownTolerantEnum(
      Type type,
      java.util.Set<? extends java.lang.annotation.Annotation> annotations,
      Moshi moshi) {
    if (!annotations.isEmpty()) {
      return null;
    }
    Class<?> raw = Types.getRawType(type);
    if (!raw.isEnum()) {
      return null;
    }
    for (Object constant : raw.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(UNKNOWN_CONSTANT)) {
        return EnumJsonAdapter.create((Class) raw).withUnknownFallback((Enum) constant).nullSafe();
      }
    }
    return null;
  }

  static final class OffsetDateTimeAdapter extends JsonAdapter<OffsetDateTime> {
    /** Seconds precision and a numeric offset: the form every WeChat Pay page shows. */
    private static final DateTimeFormatter WRITE_FORMAT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    @Override
    public OffsetDateTime fromJson(JsonReader reader) throws IOException {
      String text = reader.nextString();
      try {
        OffsetDateTime fast = parseCommonForm(text);
        return fast != null
            ? fast
            : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeException e) {
        throw new JsonDataException(
            "Expected an RFC 3339 time like 2018-06-08T10:34:56+08:00 but was '"
                + text
                + "' at path "
                + reader.getPath(),
            e);
      }
    }

    /**
     * The two forms WeChat Pay sends, {@code 2018-06-08T10:34:56+08:00} and {@code
     * 2018-06-08T02:34:56Z}, without the general formatter (a measurable share of a query's CPU);
     * null for any other form, which the formatter then parses or rejects. Field ranges are checked
     * by {@link OffsetDateTime#of}.
     */
    static OffsetDateTime parseCommonForm(String text) {
      int length = text.length();
      if ((length != 25 && length != 20)
          || text.charAt(4) != '-'
          || text.charAt(7) != '-'
          || text.charAt(10) != 'T'
          || text.charAt(13) != ':'
          || text.charAt(16) != ':') {
        return null;
      }
      ZoneOffset offset;
      if (length == 20) {
        if (text.charAt(19) != 'Z') {
          return null;
        }
        offset = ZoneOffset.UTC;
      } else {
        char sign = text.charAt(19);
        int hours = digits(text, 20, 22);
        int minutes = digits(text, 23, 25);
        if ((sign != '+' && sign != '-') || text.charAt(22) != ':' || hours < 0 || minutes < 0) {
          return null;
        }
        offset =
            ZoneOffset.ofHoursMinutes(
                sign == '+' ? hours : -hours, sign == '+' ? minutes : -minutes);
      }
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      int hour = digits(text, 11, 13);
      int minute = digits(text, 14, 16);
      int second = digits(text, 17, 19);
      if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
        return null;
      }
      return OffsetDateTime.of(year, month, day, hour, minute, second, 0, offset);
    }

    /**
     * The decimal number in {@code text[from, to)}, or -1 if a character there is not an ASCII
     * digit.
     */
    private static int digits(String text, int from, int to) {
      int value = 0;
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        value = value * 10 + (c - '0');
      }
      return value;
    }

    @Override
    public void toJson(JsonWriter writer, OffsetDateTime value) throws IOException {
      writer.value(WRITE_FORMAT.format(value));
    }
  }
}
