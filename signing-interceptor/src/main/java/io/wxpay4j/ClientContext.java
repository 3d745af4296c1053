package io.wxpay4j;

import io.wxpay4j.pay.PayParametersSigner;
import org.jspecify.annotations.Nullable;

/**
 * What every API family of one client builds its requests from: the merchant, the client's
 * defaults, the local checks and the pay-parameter signer. Immutable; one per client.
 */
final class ClientContext {
  final String merchantId;
  final @Nullable String appId;
  final @Nullable String notifyUrl;
  final RequestChecks checks;
  final PayParametersSigner payParameters;

  ClientContext(
      String merchantId,
      @Nullable String appId,
      @Nullable String notifyUrl,
      RequestChecks checks,
      PayParametersSigner payParameters) {
    this.merchantId = merchantId;
    this.appId = appId;
    this.notifyUrl = notifyUrl;
    this.checks = checks;
    this.payParameters = payParameters;
  }
}
