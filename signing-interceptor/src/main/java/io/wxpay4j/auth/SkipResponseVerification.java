package io.wxpay4j.auth;

/**
 * A request tag that turns off response-signature verification for that one request, for the few
 * downloads WeChat Pay does not sign (bill files). The request is still signed. There is
 * deliberately no global switch.
 *
 * <pre>{@code
 * Request request = new Request.Builder()
 *     .url(downloadUrl)
 *     .tag(SkipResponseVerification.class, SkipResponseVerification.INSTANCE)
 *     .build();
 * }</pre>
 */
public final class SkipResponseVerification {
  /** The tag value. */
  public static final SkipResponseVerification INSTANCE = new SkipResponseVerification();

  private SkipResponseVerification() {}

  @Override
  public String toString() {
    return "SkipResponseVerification";
  }
}
