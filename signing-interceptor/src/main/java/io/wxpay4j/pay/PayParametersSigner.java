package io.wxpay4j.pay;

import io.wxpay4j.auth.Signer;
import io.wxpay4j.internal.Nonces;
import io.wxpay4j.internal.SignatureMessages;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Signs the parameters a front end needs to start a payment (调起支付) from a {@code prepay_id}: JSAPI
 * (Official Account pages, {@code WeixinJSBridge getBrandWCPayRequest}), mini-program ({@code
 * wx.requestPayment}) and APP (OpenSDK {@code PayReq}).
 *
 * <pre>{@code
 * PayParametersSigner paySigner = PayParametersSigner.create(signer);
 * JsapiPayParameters params = paySigner.jsapi("wxd678efh567hg6787", prepayId);
 * String json = params.toJson();   // hand to the page
 * }</pre>
 *
 * <p>Signatures are SHA256withRSA with the merchant key — the same key that signed the prepay call
 * — over {@code appId\ntimeStamp\nnonceStr\npackage\n} (JSAPI, mini-program) or {@code
 * appid\ntimestamp\nnoncestr\nprepayid\n} (APP). The {@code appId} must be the one used for the
 * prepay call. Immutable and thread-safe.
 */
public final class PayParametersSigner {
  private final Signer signer;
  private final Clock clock;
  private final Supplier<String> nonces;

  private PayParametersSigner(Signer signer, Clock clock, Supplier<String> nonces) {
    this.signer = signer;
    this.clock = clock;
    this.nonces = nonces;
  }

  /** Returns a pay-parameter signer using the system clock for {@code timeStamp}. */
  public static PayParametersSigner create(Signer signer) {
    return create(signer, Clock.systemUTC());
  }

  /** Returns a pay-parameter signer reading {@code timeStamp} from {@code clock}. */
  public static PayParametersSigner create(Signer signer, Clock clock) {
    return create(signer, clock, Nonces.shared());
  }

  /** Test hook: also the nonce source. */
  static PayParametersSigner create(Signer signer, Clock clock, Supplier<String> nonces) {
    return new PayParametersSigner(
        Objects.requireNonNull(signer, "signer == null"),
        Objects.requireNonNull(clock, "clock == null"),
        Objects.requireNonNull(nonces, "nonces == null"));
  }

  /**
   * Parameters for a JSAPI payment: {@code appId} is the Official Account appid used for the prepay
   * call.
   *
   * @throws IllegalArgumentException if an argument is blank or {@code prepayId} already has the
   *     {@code prepay_id=} prefix
   */
  public JsapiPayParameters jsapi(String appId, String prepayId) {
    check("appId", appId);
    check("prepayId", prepayId);
    String timeStamp = Long.toString(clock.instant().getEpochSecond());
    String nonceStr = nonces.get();
    String packageValue = "prepay_id=" + prepayId;
    String paySign = signer.sign(SignatureMessages.lines(appId, timeStamp, nonceStr, packageValue));
    return new JsapiPayParameters(appId, timeStamp, nonceStr, packageValue, paySign);
  }

  /**
   * Parameters for {@code wx.requestPayment}: {@code appId} is the mini-program appid used for the
   * prepay call. It is signed exactly like JSAPI; {@link JsapiPayParameters#toMiniProgramJson()}
   * leaves out {@code appId}.
   */
  public JsapiPayParameters miniProgram(String appId, String prepayId) {
    return jsapi(appId, prepayId);
  }

  /**
   * Parameters for an APP payment: {@code appId} is the mobile-app appid, {@code merchantId} the
   * 商户号 that made the prepay call (sent as {@code partnerid}).
   */
  public AppPayParameters app(String appId, String merchantId, String prepayId) {
    check("appId", appId);
    check("merchantId", merchantId);
    check("prepayId", prepayId);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonceStr = nonces.get();
    String sign = signer.sign(SignatureMessages.lines(appId, timestamp, nonceStr, prepayId));
    return new AppPayParameters(appId, merchantId, prepayId, nonceStr, timestamp, sign);
  }

  private static void check(String name, String value) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank() || !value.equals(value.trim())) {
      throw new IllegalArgumentException(
          name + " must not be blank or have surrounding whitespace");
    }
    if (value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(name + " must not contain a line feed");
    }
    if (name.equals("prepayId") && value.startsWith("prepay_id=")) {
      throw new IllegalArgumentException(
          "prepayId must be the bare prepay_id from the prepay response, without the \"prepay_id=\""
              + " prefix");
    }
  }

  @Override
  public String toString() {
    return "PayParametersSigner{signer=" + signer + "}";
  }
}
