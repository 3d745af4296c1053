package io.wxpay4j;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A verified answer from WeChat Pay: the decoded {@link #body()} and the {@link #requestId()} to
 * quote to WeChat Pay support.
 *
 * @param <T> the body type; {@link Void} (body {@code null}) for operations answered with 204 No
 *     Content
 */
public final class WechatPayResponse<T> {
  private final @Nullable T body;
  private final @Nullable String requestId;
  private final int httpStatus;

  WechatPayResponse(@Nullable T body, @Nullable String requestId, int httpStatus) {
    this.body = body;
    this.requestId = requestId;
    this.httpStatus = httpStatus;
  }

  /** Returns a response with the same request id and status and {@code body} transformed. */
  <R> WechatPayResponse<R> map(java.util.function.Function<? super T, ? extends R> transform) {
    return new WechatPayResponse<>(transform.apply(body), requestId, httpStatus);
  }

  /** The decoded body; null only for 204 No Content answers ({@code T} is {@link Void}). */
  public T body() {
    return body;
  }

  /** The {@code Request-ID} header of the answer. */
  public @Nullable String requestId() {
    return requestId;
  }

  /** The HTTP status, 200 or 204. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The status and request id; the body is left out, as it may hold payer data. */
  @Override
  public String toString() {
    return "WechatPayResponse{httpStatus=" + httpStatus + ", requestId=" + requestId + "}";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof WechatPayResponse
        && Objects.equals(body, ((WechatPayResponse<?>) other).body)
        && Objects.equals(requestId, ((WechatPayResponse<?>) other).requestId)
        && httpStatus == ((WechatPayResponse<?>) other).httpStatus;
  }

  @Override
  public int hashCode() {
    return Objects.hash(body, requestId, httpStatus);
  }
}
