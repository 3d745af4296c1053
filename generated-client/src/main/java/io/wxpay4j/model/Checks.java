package io.wxpay4j.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The spec's constraints, checked by the generated builders. Hand-written so that the generated
 * code stays small and every message has one shape: {@code "<Schema>.<json_field> <rule>"}, naming
 * the field as the WeChat Pay documentation does. Values are never echoed: they may be payer data.
 */
final class Checks {
  private Checks() {}

  static void required(String schema, String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(schema + "." + field + " is required but was not set");
    }
  }

  static void maxLength(String schema, String field, String value, int max) {
    if (value != null) {
      int length = value.codePointCount(0, value.length());
      if (length > max) {
        throw new IllegalArgumentException(
            schema + "." + field + " must be at most " + max + " characters but has " + length);
      }
    }
  }

  static void minLength(String schema, String field, String value, int min) {
    if (value != null) {
      int length = value.codePointCount(0, value.length());
      if (length < min) {
        throw new IllegalArgumentException(
            schema + "." + field + " must be at least " + min + " characters but has " + length);
      }
    }
  }

  static void pattern(String schema, String field, String value, Pattern pattern) {
    if (value != null && !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          schema + "." + field + " must match " + pattern.pattern() + " but does not");
    }
  }

  static void minimum(String schema, String field, Number value, long min) {
    if (value != null && value.longValue() < min) {
      throw new IllegalArgumentException(
          schema + "." + field + " must be at least " + min + " but is " + value);
    }
  }

  static void minItems(String schema, String field, List<?> value, int min) {
    if (value != null && value.size() < min) {
      throw new IllegalArgumentException(
          schema + "." + field + " must have at least " + min + " items but has " + value.size());
    }
  }

  static void maxItems(String schema, String field, List<?> value, int max) {
    if (value != null && value.size() > max) {
      throw new IllegalArgumentException(
          schema + "." + field + " must have at most " + max + " items but has " + value.size());
    }
  }
}
