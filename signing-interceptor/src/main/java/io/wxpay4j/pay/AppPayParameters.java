package io.wxpay4j.pay;

/**
 * Signed parameters for an APP payment through the WeChat OpenSDK {@code PayReq}. Made by {@link
 * PayParametersSigner}. Immutable.
 *
 * <p>OpenSDK field names: {@code appId}, {@code partnerId}, {@code prepayId}, {@code packageValue}
 * (Android) / {@code package} (iOS), {@code nonceStr}, {@code timeStamp}, {@code sign}.
 */
public final class AppPayParameters {
  private static final String[] JSON_NAMES = {
    "appid", "partnerid", "prepayid", "package", "noncestr", "timestamp", "sign"
  };

  private final String appId;
  private final String partnerId;
  private final String prepayId;
  private final String nonceStr;
  private final String timeStamp;
  private final String sign;

  AppPayParameters(
      String appId,
      String partnerId,
      String prepayId,
      String nonceStr,
      String timeStamp,
      String sign) {
    this.appId = appId;
    this.partnerId = partnerId;
    this.prepayId = prepayId;
    this.nonceStr = nonceStr;
    this.timeStamp = timeStamp;
    this.sign = sign;
  }

  /** The mobile-app appid used for the prepay call. */
  public String appId() {
    return appId;
  }

  /** The merchant ID (商户号). */
  public String partnerId() {
    return partnerId;
  }

  /** The bare prepay_id. */
  public String prepayId() {
    return prepayId;
  }

  /** Always {@code Sign=WXPay}. */
  public String packageValue() {
    return "Sign=WXPay";
  }

  /** The random string that was signed. */
  public String nonceStr() {
    return nonceStr;
  }

  /** Epoch seconds (10 digits), as a string. */
  public String timeStamp() {
    return timeStamp;
  }

  /** Base64 SHA256withRSA over {@code appid\ntimestamp\nnoncestr\nprepayid\n}. */
  public String sign() {
    return sign;
  }

  /** {@code {"appid","partnerid","prepayid","package","noncestr","timestamp","sign"}}. */
  public String toJson() {
    return FlatJson.of(
        JSON_NAMES, appId, partnerId, prepayId, packageValue(), nonceStr, timeStamp, sign);
  }

  @Override
  public String toString() {
    return "AppPayParameters" + toJson();
  }
}
