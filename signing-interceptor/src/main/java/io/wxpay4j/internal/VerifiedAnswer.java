package io.wxpay4j.internal;

/**
 * A request tag the signing interceptor puts on the request of an error answer (non-2xx) whose
 * WeChat Pay signature it verified: only such answers may drive a decision about money (an order
 * not found, a request certainly not carried out). Not API.
 */
public enum VerifiedAnswer {
  INSTANCE
}
