package io.wxpay4j.notify;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import okio.Buffer;

/**
 * The HTTP answer to send WeChat Pay for a notification: {@code 204} with no body once it is
 * verified and processed; {@code 4xx}/{@code 5xx} with {@code {"code":"FAIL","message":"…"}}
 * otherwise, so that WeChat Pay sends it again (15 times over about 24 hours).
 *
 * <pre>{@code
 * NotificationAnswer answer;
 * try {
 *   Transaction paid = parser.parseTransaction(request);
 *   orders.markPaid(paid);            // idempotent: the same notification can arrive twice
 *   answer = NotificationAnswer.success();
 * } catch (WechatPayNotificationException e) {
 *   answer = e.answer();
 * }
 * response.setStatus(answer.status());
 * response.getWriter().write(answer.body());
 * }</pre>
 *
 * <p>Answer within 5 seconds. Immutable.
 */
public final class NotificationAnswer {
  private static final NotificationAnswer SUCCESS = new NotificationAnswer(204, "");

  private final int status;
  private final String body;

  private NotificationAnswer(int status, String body) {
    this.status = status;
    this.body = body;
  }

  /** {@code 204 No Content}: received and processed. */
  public static NotificationAnswer success() {
    return SUCCESS;
  }

  /**
   * {@code 500} with {@code {"code":"FAIL","message":message}}: processing failed, send it again.
   */
  public static NotificationAnswer failure(String message) {
    return failure(500, message);
  }

  /**
   * {@code status} (400–599) with {@code {"code":"FAIL","message":message}}. The message goes to
   * WeChat Pay: keep internals and payer data out of it.
   */
  public static NotificationAnswer failure(int status, String message) {
    Objects.requireNonNull(message, "message == null");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException(
          "a failure answer needs a 4xx or 5xx status, found " + status);
    }
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.beginObject().name("code").value("FAIL").name("message").value(message).endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NotificationAnswer(status, buffer.readUtf8());
  }

  /** The HTTP status to send. */
  public int status() {
    return status;
  }

  /** The body to send; empty for success. */
  public String body() {
    return body;
  }

  /** {@code application/json; charset=utf-8}, or null when there is no body. */
  public @org.jspecify.annotations.Nullable String contentType() {
    return body.isEmpty() ? null : "application/json; charset=utf-8";
  }

  /** True for the success answer. */
  public boolean isSuccess() {
    return status < 300;
  }

  @Override
  public String toString() {
    return "NotificationAnswer{status=" + status + ", body=" + body + "}";
  }
}
