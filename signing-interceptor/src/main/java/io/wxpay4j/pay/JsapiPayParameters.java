package io.wxpay4j.pay;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import okio.Buffer;

/**
 * Signed parameters for {@code WeixinJSBridge.invoke('getBrandWCPayRequest', …)} (JSAPI) and {@code
 * wx.requestPayment} (mini-program). Made by {@link PayParametersSigner}. Immutable.
 */
public final class JsapiPayParameters {
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
    return json(true);
  }

  /** {@code {"timeStamp","nonceStr","package","signType","paySign"}} for wx.requestPayment. */
  public String toMiniProgramJson() {
    return json(false);
  }

  private String json(boolean withAppId) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.beginObject();
      if (withAppId) {
        w.name("appId").value(appId);
      }
      w.name("timeStamp").value(timeStamp);
      w.name("nonceStr").value(nonceStr);
      w.name("package").value(packageValue);
      w.name("signType").value(signType());
      w.name("paySign").value(paySign);
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  @Override
  public String toString() {
    return "JsapiPayParameters" + toJson();
  }
}
