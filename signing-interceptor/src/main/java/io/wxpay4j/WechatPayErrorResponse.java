package io.wxpay4j;

import com.squareup.moshi.JsonAdapter;
import io.wxpay4j.internal.ServerText;
import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.ErrorDetail;
import io.wxpay4j.model.ErrorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * A non-2xx answer from WeChat Pay, parsed: HTTP status, {@code Request-ID}, and the error body
 * {@code {"code": …, "message": …, "detail": {"field", "value", "issue", "location"}}}.
 *
 * <pre>{@code
 * Response response = client.newCall(request).execute();
 * if (!response.isSuccessful()) {
 *   WechatPayErrorResponse error = WechatPayErrorResponse.from(response);
 *   if ("ORDER_NOT_EXIST".equals(error.code())) { ... }
 * }
 * }</pre>
 *
 * <p>Error responses are not signature-verified (WeChat Pay does not promise to sign them), so
 * treat every field as untrusted diagnostics: branch on {@link #httpStatus()} first, then {@link
 * #code()} (a string, so new codes never break parsing). A body that is not the documented JSON
 * still yields a value with null code and message. {@code detail.value} and {@link #body()} may
 * echo request data such as an openid: they are deliberately left out of {@link #toString()}; keep
 * them out of logs too.
 */
public final class WechatPayErrorResponse {
  private static final JsonAdapter<ErrorResponse> ERROR_ADAPTER =
      WechatPayJson.moshi().adapter(ErrorResponse.class);

  private static final long MAX_BODY_BYTES = 64 * 1024;

  private final int httpStatus;
  private final @Nullable String requestId;
  private final @Nullable String code;
  private final @Nullable String message;
  private final @Nullable Detail detail;
  private final String body;
  private final boolean messageIsOurs;

  private WechatPayErrorResponse(
      int httpStatus,
      @Nullable String requestId,
      @Nullable String code,
      @Nullable String message,
      @Nullable Detail detail,
      String body,
      boolean messageIsOurs) {
    this.httpStatus = httpStatus;
    this.requestId = requestId;
    this.code = code;
    this.message = message;
    this.detail = detail;
    this.body = body;
    this.messageIsOurs = messageIsOurs;
  }

  /**
   * Reads the error from {@code response} without consuming it (the first 64 KiB of the body are
   * peeked).
   *
   * @throws IOException if the body cannot be read
   */
  public static WechatPayErrorResponse from(Response response) throws IOException {
    Objects.requireNonNull(response, "response == null");
    ResponseBody peeked = response.peekBody(MAX_BODY_BYTES);
    return parse(response.code(), response.header("Request-ID"), peeked.bytes());
  }

  /**
   * Parses an error from its parts; {@code body} may be empty or not JSON at all. The documented
   * JSON is decoded into the spec's {@code ErrorResponse}; anything else keeps only the status, the
   * Request-ID and the raw text.
   */
  public static WechatPayErrorResponse parse(
      int httpStatus, @Nullable String requestId, byte[] body) {
    Objects.requireNonNull(body, "body == null");
    String text = new String(body, StandardCharsets.UTF_8);
    ErrorResponse error = null;
    try {
      error = ERROR_ADAPTER.fromJson(new Buffer().write(body));
    } catch (IOException | RuntimeException notTheDocumentedJson) {
      // E.g. an HTML page from a proxy: keep status, Request-ID and raw body.
    }
    if (error == null) {
      return new WechatPayErrorResponse(httpStatus, requestId, null, null, null, text, false);
    }
    ErrorDetail d = error.getDetail();
    Detail detail =
        d == null
            ? null
            : new Detail(
                d.getField(),
                d.getValue() == null ? null : String.valueOf(d.getValue()),
                d.getIssue(),
                d.getLocation());
    return new WechatPayErrorResponse(
        httpStatus, requestId, error.getCode(), error.getMessage(), detail, text, false);
  }

  /**
   * This error with {@code message} in place of the server's (for answers that are not WeChat
   * Pay's); the message is the SDK's own, with any server text in it already cleaned.
   */
  WechatPayErrorResponse withMessage(String message) {
    return new WechatPayErrorResponse(httpStatus, requestId, code, message, detail, body, true);
  }

  /** True if {@link #message()} is the SDK's own (see {@link #withMessage}), not the server's. */
  boolean messageIsOurs() {
    return messageIsOurs;
  }

  /** The HTTP status code, e.g. 400, 401, 404, 429, 500. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The {@code Request-ID} header: quote it to WeChat Pay support. Null if absent. */
  public @Nullable String requestId() {
    return requestId;
  }

  /**
   * The error code, e.g. {@code PARAM_ERROR}, {@code ORDER_NOT_EXIST}; null if the body had none.
   */
  public @Nullable String code() {
    return code;
  }

  /** The human-readable message (zh-CN by default); null if the body had none. */
  public @Nullable String message() {
    return message;
  }

  /** The optional {@code detail} object. */
  public @Nullable Detail detail() {
    return detail;
  }

  /**
   * The raw body as UTF-8 text, at most 64 KiB when read by {@link #from}. May contain request
   * data.
   */
  public String body() {
    return body;
  }

  /** Status, code, message, detail field and location, and Request-ID; cleaned to one line each. */
  @Override
  public String toString() {
    return "WechatPayErrorResponse{httpStatus="
        + httpStatus
        + ", code="
        + ServerText.cleanOrNull(code, ServerText.VALUE_LIMIT)
        + ", message="
        + ServerText.cleanOrNull(message, ServerText.MESSAGE_LIMIT)
        + (detail == null
            ? ""
            : ", detail.field="
                + ServerText.cleanOrNull(detail.field(), ServerText.VALUE_LIMIT)
                + ", detail.location="
                + ServerText.cleanOrNull(detail.location(), ServerText.VALUE_LIMIT))
        + ", requestId="
        + ServerText.cleanOrNull(requestId, ServerText.VALUE_LIMIT)
        + "}";
  }

  /** The {@code detail} of an error: which input was wrong and why. */
  public static final class Detail {
    private final @Nullable String field;
    private final @Nullable String value;
    private final @Nullable String issue;
    private final @Nullable String location;

    Detail(
        @Nullable String field,
        @Nullable String value,
        @Nullable String issue,
        @Nullable String location) {
      this.field = field;
      this.value = value;
      this.issue = issue;
      this.location = location;
    }

    /** A JSON Pointer such as {@code /amount/currency} for body errors, or the parameter name. */
    public @Nullable String field() {
      return field;
    }

    /** The rejected value as text; may be request data such as an openid, so do not log it. */
    public @Nullable String value() {
      return value;
    }

    /** What is wrong with it. */
    public @Nullable String issue() {
      return issue;
    }

    /** Where the field was, e.g. {@code body}. */
    public @Nullable String location() {
      return location;
    }

    @Override
    public String toString() {
      return "Detail{field=" + field + ", issue=" + issue + ", location=" + location + "}";
    }
  }
}
