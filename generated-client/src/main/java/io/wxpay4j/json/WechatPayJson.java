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
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The JSON configuration of the generated models: one {@link Moshi} that reads and writes them the way WeChat
 * Pay does.
 *
 * <pre>{@code
 * Transaction order = WechatPayJson.moshi().adapter(Transaction.class).fromJson(body);
 * }</pre>
 *
 * <ul>
 *   <li>RFC 3339 times ({@code 2018-06-08T10:34:56+08:00}, {@code …Z}, fractional seconds) decode to {@link
 *       OffsetDateTime}; they are written as {@code yyyy-MM-dd'T'HH:mm:ss+hh:mm}.
 *   <li>An enum value this SDK does not know decodes to the enum's {@code UNKNOWN_DEFAULT_OPEN_API} constant.
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
      Type type, java.util.Set<? extends java.lang.annotation.Annotation> annotations, Moshi moshi) {
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
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException e) {
        throw new JsonDataException(
            "Expected an RFC 3339 time like 2018-06-08T10:34:56+08:00 but was '"
                + text
                + "' at path "
                + reader.getPath(),
            e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, OffsetDateTime value) throws IOException {
      writer.value(WRITE_FORMAT.format(value));
    }
  }
}
