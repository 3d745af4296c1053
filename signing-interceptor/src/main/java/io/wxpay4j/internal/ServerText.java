package io.wxpay4j.internal;

import org.jspecify.annotations.Nullable;

/**
 * Text a server or a caller of the merchant's endpoint chose (an error {@code message}, a {@code
 * detail}, a serial, a {@code Location}, a header), made safe to put into an exception message or a
 * log line: one line, no control or direction-changing characters, bounded length. A hostile answer
 * can then neither forge a second log line nor flood the log. Not API.
 */
public final class ServerText {
  /** The longest server text kept in a message (an error {@code message}), in characters. */
  public static final int MESSAGE_LIMIT = 200;

  /** The longest short server value kept in a message (a code, a serial, a field, a header). */
  public static final int VALUE_LIMIT = 100;

  private ServerText() {}

  /**
   * {@code value} in double quotes, made one printable line of at most {@code limit} characters
   * (then {@code …}): see {@link #clean}.
   */
  public static String quote(String value, int limit) {
    return "\"" + clean(value, limit) + "\"";
  }

  /**
   * {@code value} made one printable line: line breaks, tabs and other control characters (C0, DEL,
   * C1), the Unicode line and paragraph separators, and the bidirectional overrides and isolates
   * that reorder what a terminal shows are written as {@code \n}, {@code \r}, {@code \t} or {@code
   * \}{@code uXXXX}; a backslash is doubled so that an escape cannot be faked; and the result is
   * cut after {@code limit} characters of {@code value}, ending in {@code …}. Other text, Chinese
   * included, is kept.
   */
  public static String clean(String value, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    int end = Math.min(value.length(), limit);
    if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--; // never cut a character in half
    }
    StringBuilder out = new StringBuilder(end + 8);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\\':
          out.append("\\\\");
          break;
        default:
          if (Character.isHighSurrogate(c)
              && i + 1 < end
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i)); // a whole supplementary character
          } else if (unsafe(c)) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    if (end < value.length()) {
      out.append('…');
    }
    return out.toString();
  }

  /** {@code value}, {@link #clean cleaned} to {@code limit}, or {@code null} when it is null. */
  public static @Nullable String cleanOrNull(@Nullable String value, int limit) {
    return value == null ? null : clean(value, limit);
  }

  private static boolean unsafe(char c) {
    return Character.isISOControl(c) // C0, DEL, C1 (NEL U+0085 among them)
        || c == '\u2028' // line separator
        || c == '\u2029' // paragraph separator
        || (c >= '\u202A' && c <= '\u202E') // bidi embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069') // bidi isolates
        || c == '\u200E' // left-to-right mark
        || c == '\u200F' // right-to-left mark
        || c == '\u061C' // Arabic letter mark
        || c == '\uFEFF' // zero-width no-break space (BOM)
        || Character.isSurrogate(c); // half of a pair, alone
  }
}
