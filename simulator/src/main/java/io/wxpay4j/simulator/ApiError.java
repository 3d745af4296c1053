package io.wxpay4j.simulator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A WeChat Pay error answer: HTTP status plus {@code {code, message, detail}}. */
final class ApiError extends Exception {
  final int status;
  final String code;
  final @Nullable ObjectNode detail;

  ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  ApiError(int status, String code, String message, @Nullable ObjectNode detail) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  static ApiError paramError(
      String field, @Nullable JsonNode value, String issue, String location) {
    ObjectNode detail = Json.object();
    detail.put("field", field);
    if (value != null && !value.isMissingNode()) {
      detail.set("value", value);
    }
    detail.put("issue", issue);
    detail.put("location", location);
    return new ApiError(
        400, "PARAM_ERROR", "参数错误: " + (field.isEmpty() ? "" : field + " ") + issue, detail);
  }

  static ApiError signError(String why) {
    return new ApiError(401, "SIGN_ERROR", "签名错误 (signature check failed): " + why);
  }

  ObjectNode body() {
    ObjectNode body = Json.object();
    body.put("code", code);
    body.put("message", getMessage());
    if (detail != null) {
      body.set("detail", detail);
    }
    return body;
  }
}
