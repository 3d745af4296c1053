/**
 * WeChat Pay API v3 request and response models, generated at build time from {@code
 * spec/openapi.yaml}.
 *
 * <p>Every model is a final class with a validating {@code builder()}; fields carry their
 * snake_case JSON names. Decode and encode them with {@link io.wxpay4j.json.WechatPayJson#moshi()},
 * which knows the RFC 3339 times and maps enum values this SDK does not know yet to each enum's
 * {@code UNKNOWN_DEFAULT_OPEN_API}. Only {@code Checks} is hand-written here.
 */
package io.wxpay4j.model;
