package io.wxpay4j.notify;

import io.wxpay4j.internal.SignatureCheck;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A notification as it arrived at the merchant's {@code notify_url}: the {@code Wechatpay-*}
 * headers and the raw body bytes, taken from any web framework.
 *
 * <pre>{@code
 * // Servlet (header lookup is case-insensitive there)
 * NotificationRequest request = NotificationRequest.create(servletRequest::getHeader, bodyBytes);
 * // Spring: @RequestHeader Map<String, String> headers, @RequestBody byte[] body
 * NotificationRequest request = NotificationRequest.fromHeaders(headers, body);
 * }</pre>
 *
 * <p>Pass the body exactly as received: re-serialized JSON does not verify. Immutable; {@link
 * #toString()} shows no body.
 */
public final class NotificationRequest {
  private static final String[] NAMES = {
    SignatureCheck.TIMESTAMP,
    SignatureCheck.NONCE,
    SignatureCheck.SIGNATURE,
    SignatureCheck.SERIAL,
    SignatureCheck.SIGNATURE_TYPE
  };

  private final Map<String, String> headers; // lower-case names
  private final byte[] body;
  private final boolean truncated;

  private NotificationRequest(Map<String, String> headers, byte[] body, boolean truncated) {
    this.headers = headers;
    this.body = body;
    this.truncated = truncated;
  }

  /**
   * Reads the body from {@code body}, at most {@code maxBytes} of it (use the parser's {@link
   * NotificationParser#DEFAULT_MAX_BODY_BYTES}): a longer body is not read further, and the parser
   * refuses the request as too large. Closes nothing.
   *
   * @throws IOException if the body cannot be read
   */
  public static NotificationRequest read(
      Function<String, @Nullable String> headers, InputStream body, int maxBytes)
      throws IOException {
    Objects.requireNonNull(body, "body == null");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    byte[] bytes = body.readNBytes(maxBytes + 1);
    NotificationRequest request = create(headers, bytes);
    return bytes.length > maxBytes
        ? new NotificationRequest(request.headers, request.body, true)
        : request;
  }

  /**
   * Returns a request whose headers are read through {@code headers}, called with the canonical
   * names ({@code Wechatpay-Timestamp}, …); it should be case-insensitive, as servlet {@code
   * getHeader} is.
   */
  public static NotificationRequest create(
      Function<String, @Nullable String> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    Map<String, String> copy = new TreeMap<>();
    for (String name : NAMES) {
      String value = headers.apply(name);
      if (value != null) {
        copy.put(name.toLowerCase(Locale.ROOT), value);
      }
    }
    return new NotificationRequest(copy, body.clone(), false);
  }

  /**
   * Returns a request from a header map with names in any case. Values may be strings or
   * collections of strings (the first is used), as in Spring's {@code HttpHeaders}.
   */
  public static NotificationRequest fromHeaders(Map<String, ?> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers == null");
    Map<String, String> lower = new TreeMap<>();
    for (Map.Entry<String, ?> e : headers.entrySet()) {
      String value = first(e.getValue());
      if (e.getKey() != null && value != null) {
        lower.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), value);
      }
    }
    return create(name -> lower.get(name.toLowerCase(Locale.ROOT)), body);
  }

  private static @Nullable String first(@Nullable Object value) {
    if (value instanceof Collection) {
      Iterator<?> it = ((Collection<?>) value).iterator();
      return it.hasNext() ? first(it.next()) : null;
    }
    return value instanceof String ? (String) value : null;
  }

  /**
   * The value of header {@code name} (any case), or null. Only the {@code Wechatpay-*} headers are
   * kept.
   */
  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The raw body bytes (a copy). */
  public byte[] body() {
    return body.clone();
  }

  byte[] bodyUnsafe() {
    return body;
  }

  /** True if {@link #read} stopped before the end of a body longer than its cap. */
  boolean truncated() {
    return truncated;
  }

  @Override
  public String toString() {
    return "NotificationRequest{Wechatpay-Serial="
        + header(SignatureCheck.SERIAL)
        + ", Wechatpay-Timestamp="
        + header(SignatureCheck.TIMESTAMP)
        + ", body="
        + body.length
        + " bytes}";
  }
}
