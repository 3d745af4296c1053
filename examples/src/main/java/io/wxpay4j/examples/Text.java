package io.wxpay4j.examples;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/** Small formatting helpers for readable output. */
final class Text {
  private Text() {}

  /** {@code json} indented by two spaces per level, members in their original order. */
  static String prettyJson(String json) {
    try {
      Object value = JsonReader.of(new Buffer().writeUtf8(json)).readJsonValue();
      return new Moshi.Builder().build().adapter(Object.class).indent("  ").toJson(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every line of {@code text} prefixed with {@code indent}. */
  static String indent(String text, String indent) {
    return indent + text.replace("\n", "\n" + indent);
  }

  /**
   * An openid with all but its first four characters hidden: the prefix is the same for every payer of an
   * app, the rest identifies the payer.
   */
  static String maskOpenid(@Nullable String openid) {
    if (openid == null) {
      return "(none)";
    }
    return (openid.length() > 8 ? openid.substring(0, 4) : "") + "…(masked)";
  }

  /**
   * {@code text} padded with spaces to {@code columns} terminal columns, counting CJK characters (汉字, full-width
   * forms) as two columns, as terminals draw them.
   */
  static String pad(String text, int columns) {
    int width = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      width += (c >= '\u2e80' && c <= '\ua4cf') || (c >= '\uac00' && c <= '\ud7a3') || (c >= '\uf900' && c <= '\ufaff')
          || (c >= '\ufe30' && c <= '\ufe4f') || (c >= '\uff00' && c <= '\uff60') || (c >= '\uffe0' && c <= '\uffe6')
          ? 2 : 1;
    }
    return width >= columns ? text : text + " ".repeat(columns - width);
  }

  /** An amount in fen (分) as yuan, e.g. {@code ¥0.01}. */
  static String yuan(@Nullable Integer fen) {
    return fen == null ? "?" : yuan(fen.longValue());
  }

  /** An amount in fen (分) as yuan, e.g. {@code ¥0.01}; refund amounts are {@code long}. */
  static String yuan(long fen) {
    return String.format(Locale.ROOT, "¥%d.%02d", fen / 100, fen % 100);
  }
}
