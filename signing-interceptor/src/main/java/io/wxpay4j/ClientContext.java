package io.wxpay4j;

import io.wxpay4j.auth.Verifier;
import io.wxpay4j.pay.PayParametersSigner;
import org.jspecify.annotations.Nullable;

/**
 * What every API family of one client builds its requests from: the merchant, the client's
 * defaults, the local checks, the pay-parameter signer and the verifier (whose key also encrypts
 * sensitive request fields). Immutable; one per client.
 */
final class ClientContext {
  final String merchantId;
  final @Nullable String appId;
  final @Nullable String notifyUrl;
  final RequestChecks checks;
  final PayParametersSigner payParameters;

  /** The default {@code notify_url} of refunds; null to leave it to the URL set in 商户平台. */
  final @Nullable String refundNotifyUrl;

  /** The keys answers are verified with; sensitive fields are encrypted for {@code serial()}. */
  final Verifier verifier;

  ClientContext(
      String merchantId,
      @Nullable String appId,
      @Nullable String notifyUrl,
      RequestChecks checks,
      PayParametersSigner payParameters,
      @Nullable String refundNotifyUrl,
      Verifier verifier) {
    this.merchantId = merchantId;
    this.appId = appId;
    this.notifyUrl = notifyUrl;
    this.checks = checks;
    this.payParameters = payParameters;
    this.refundNotifyUrl = refundNotifyUrl;
    this.verifier = verifier;
  }
}
