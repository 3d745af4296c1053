package io.wxpay4j.pay;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import okio.Buffer;

/** Writes the flat string-valued JSON objects that front ends take as pay parameters. */
final class FlatJson {
  private FlatJson() {}

  /** {@code names[i]: values[i]} in order, escaped by Moshi. */
  static String of(String[] names, String... values) {
    if (names.length != values.length) {
      throw new IllegalArgumentException(names.length + " names, " + values.length + " values");
    }
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.beginObject();
      for (int i = 0; i < names.length; i++) {
        writer.name(names[i]).value(values[i]);
      }
      writer.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // A Buffer does not throw.
    }
    return buffer.readUtf8();
  }
}
