package io.wxpay4j.simulator;

import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;

/** Server-rendered HTML of the dashboard and the payer pages: escaping and the answer headers. */
final class Html {
  /**
   * Pages run only the simulator's own scripts and styles and send requests only to the simulator;
   * nothing comes from the internet.
   */
  private static final String PAGE_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'";

  private Html() {}

  /** Text for an element or a double-quoted attribute. */
  static String escape(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  /** An amount in fen (分) as yuan: {@code 1} → {@code ¥0.01}. */
  static String yuan(long fen) {
    String sign = fen < 0 ? "-" : "";
    long abs = Math.abs(fen);
    return sign + "¥" + (abs / 100) + "." + String.format("%02d", abs % 100);
  }

  /**
   * A page of the simulator. {@code frameAncestors} is the CSP list of pages that may frame it
   * ({@code 'none'} for the dashboard).
   */
  static MockResponse page(int status, String html, String frameAncestors) {
    return new MockResponse.Builder()
        .status(SimulatorDispatcher.statusLine(status))
        .setHeader("Content-Type", "text/html; charset=utf-8")
        .setHeader("Content-Security-Policy", PAGE_POLICY + "; frame-ancestors " + frameAncestors)
        .setHeader("X-Content-Type-Options", "nosniff")
        .setHeader("Referrer-Policy", "no-referrer")
        .setHeader("Cache-Control", "no-store")
        .body(html)
        .build();
  }

  /** A static file of the simulator's web resources. */
  static MockResponse resource(String contentType, byte[] bytes) {
    return new MockResponse.Builder()
        .status(SimulatorDispatcher.statusLine(200))
        .setHeader("Content-Type", contentType)
        .setHeader("X-Content-Type-Options", "nosniff")
        .setHeader("Cache-Control", "no-cache")
        .body(new okio.Buffer().write(bytes))
        .build();
  }

  static byte[] readResource(String name) {
    try (var in = Html.class.getResourceAsStream("web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource web/" + name);
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
