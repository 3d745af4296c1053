package io.wxpay4j.spring;

/** Where call and notification outcomes are counted; Micrometer's when it is on the class path. */
interface WechatPayMeters {
  /** One call across its attempts: {@code retries} is attempts minus one. */
  void call(String merchant, String operation, String outcome, long nanos, int retries);

  /** An answer or a notification whose signature did not verify. */
  void verificationFailure(String merchant, String source);

  /** A notification answered with {@code status}. */
  void notification(String merchant, int status);
}
