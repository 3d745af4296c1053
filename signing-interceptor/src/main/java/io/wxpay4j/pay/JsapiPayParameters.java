package io.wxpay4j.pay;

/**
 * Signed parameters for {@code WeixinJSBridge.invoke('getBrandWCPayRequest', …)} (JSAPI) and {@code
 * wx.requestPayment} (mini-program). Made by {@link PayParametersSigner}. Immutable.
 */
public final class JsapiPayParameters {
  private static final String[] JSAPI_NAMES = {
    "appId", "timeStamp", "nonceStr", "package", "signType", "paySign"
  };
  private static final String[] MINI_PROGRAM_NAMES = {
    "timeStamp", "nonceStr", "package", "signType", "paySign"
  };

  private final String appId;
  private final String timeStamp;
  private final String nonceStr;
  private final String packageValue;
  private final String paySign;

  JsapiPayParameters(
      String appId, String timeStamp, String nonceStr, String packageValue, String paySign) {
    this.appId = appId;
    this.timeStamp = timeStamp;
    this.nonceStr = nonceStr;
    this.packageValue = packageValue;
    this.paySign = paySign;
  }

  /** The appid used for the prepay call. */
  public String appId() {
    return appId;
  }

  /** Epoch seconds, as a string. */
  public String timeStamp() {
    return timeStamp;
  }

  /** The random string that was signed. */
  public String nonceStr() {
    return nonceStr;
  }

  /** {@code prepay_id=…}, the front end's {@code package} field. */
  public String packageValue() {
    return packageValue;
  }

  /** Always {@code RSA}; not signed. */
  public String signType() {
    return "RSA";
  }

  /** Base64 SHA256withRSA over {@code appId\ntimeStamp\nnonceStr\npackage\n}. */
  public String paySign() {
    return paySign;
  }

  /**
   * {@code {"appId","timeStamp","nonceStr","package","signType","paySign"}} for
   * getBrandWCPayRequest.
   */
  public String toJson() {
    return FlatJson.of(JSAPI_NAMES, appId, timeStamp, nonceStr, packageValue, signType(), paySign);
  }

  /** {@code {"timeStamp","nonceStr","package","signType","paySign"}} for wx.requestPayment. */
  public String toMiniProgramJson() {
    return FlatJson.of(MINI_PROGRAM_NAMES, timeStamp, nonceStr, packageValue, signType(), paySign);
  }

  @Override
  public String toString() {
    return "JsapiPayParameters" + toJson();
  }
}
