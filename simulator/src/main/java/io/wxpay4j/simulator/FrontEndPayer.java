package io.wxpay4j.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payer of a merchant's own front end: the JSAPI pay sheet behind {@code
 * WeixinJSBridge.invoke('getBrandWCPayRequest', …)} and the H5 cashier behind {@code h5_url}.
 *
 * <p>JSAPI: the front end's parameters are checked as WeChat checks them before it shows the pay
 * sheet: {@code appId} is the order's app, {@code package} is {@code prepay_id=…} of a JSAPI order,
 * {@code signType} is {@code RSA}, and {@code paySign} verifies (SHA256withRSA over {@code
 * appId\ntimeStamp\nnonceStr\npackage\n}) with the merchant API certificate's public key, in the
 * simulator's own crypto. A failed check answers {@code get_brand_wcpay_request:fail} and changes
 * nothing.
 */
final class FrontEndPayer {
  static final String OK = "get_brand_wcpay_request:ok";
  static final String FAIL = "get_brand_wcpay_request:fail";
  static final String CANCEL = "get_brand_wcpay_request:cancel";

  private final Simulation sim;

  FrontEndPayer(Simulation sim) {
    this.sim = sim;
  }

  /** A front-end check failed: WeChat answers {@code :fail} and the order is unchanged. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** The JSAPI order these parameters pay, if every check passes. */
  Order verifyJsapi(JsonNode params) throws Refused {
    String appId = required(params, "appId");
    String timeStamp = required(params, "timeStamp");
    String nonceStr = required(params, "nonceStr");
    String pkg = required(params, "package");
    String signType = required(params, "signType");
    String paySign = required(params, "paySign");
    if (!timeStamp.matches("[0-9]{1,10}")) {
      throw new Refused("timeStamp must be the seconds since 1970 as a string of digits");
    }
    if (nonceStr.length() > 32) {
      throw new Refused("nonceStr must be at most 32 characters");
    }
    if (!signType.equals("RSA")) {
      throw new Refused("signType must be RSA for API v3 (was " + signType + ")");
    }
    if (!pkg.startsWith("prepay_id=")) {
      throw new Refused("package must be prepay_id=<the prepay_id of the JSAPI order>");
    }
    Order order;
    try {
      order = sim.orders.findByPrepayId(pkg.substring("prepay_id=".length()));
    } catch (ApiError e) {
      throw new Refused("no order has this prepay_id");
    }
    if (!order.tradeType.equals("JSAPI")) {
      throw new Refused("prepay_id belongs to a " + order.tradeType + " order, not a JSAPI order");
    }
    if (!appId.equals(order.appid) && !appId.equals(order.subAppid)) {
      throw new Refused("appId is not the app the order was placed for");
    }
    if (!Crypto.verify(
        sim.credentials.merchantCertificate.getPublicKey(),
        payMessage(appId, timeStamp, nonceStr, pkg),
        paySign)) {
      throw new Refused(
          "支付验证签名失败: paySign does not verify with the merchant API certificate over"
              + " appId\\ntimeStamp\\nnonceStr\\npackage\\n (SHA256withRSA)");
    }
    return order;
  }

  /** What {@code paySign} signs (wechatpay-v3.md §10): four lines, each ending in {@code \n}. */
  static byte[] payMessage(String appId, String timeStamp, String nonceStr, String pkg) {
    return (appId + "\n" + timeStamp + "\n" + nonceStr + "\n" + pkg + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String required(JsonNode params, String name) throws Refused {
    JsonNode value = params.path(name);
    if (!value.isString() || value.asString().isEmpty()) {
      throw new Refused("缺少参数 " + name + " (a non-empty string)");
    }
    return value.asString();
  }

  /** What the sheet shows before the payer decides. */
  ObjectNode jsapiSummary(JsonNode params) {
    try {
      Order order = verifyJsapi(params);
      if (!Order.NOTPAY.equals(order.state())) {
        return withState(failure(FAIL, "the order is " + order.state() + ", not NOTPAY"), order);
      }
      return summary(order);
    } catch (Refused e) {
      return failure(FAIL, e.getMessage());
    }
  }

  /** The payer's decision in the JSAPI sheet: {@code pay}, {@code fail} or {@code cancel}. */
  ObjectNode jsapiConfirm(JsonNode params, String action) {
    Order order;
    try {
      order = verifyJsapi(params);
    } catch (Refused e) {
      return failure(FAIL, e.getMessage());
    }
    return decide(order, action);
  }

  /** The H5 order of a cashier URL: its {@code prepay_id} and {@code package} must match. */
  Order h5Order(@Nullable String prepayId, @Nullable String pkg) throws Refused {
    if (prepayId == null || pkg == null) {
      throw new Refused("the cashier URL needs prepay_id and package (use the h5_url as given)");
    }
    Order order;
    try {
      order = sim.orders.findByPrepayId(prepayId);
    } catch (ApiError e) {
      throw new Refused("no order has this prepay_id");
    }
    if (order.h5Url == null || !order.h5Url.endsWith("&package=" + pkg)) {
      throw new Refused("商家参数格式有误: prepay_id and package are not those of an H5 order's h5_url");
    }
    return order;
  }

  /** The payer's decision in the H5 cashier. */
  ObjectNode h5Confirm(JsonNode body) {
    Order order;
    try {
      order = h5Order(text(body, "prepay_id"), text(body, "package"));
    } catch (Refused e) {
      ObjectNode refused = failure(FAIL, e.getMessage());
      refused.put("result", "fail");
      refused.remove("err_msg");
      return refused;
    }
    ObjectNode answer = decide(order, body.path("action").asString(""));
    answer.put("result", answer.path("err_msg").asString().replace("get_brand_wcpay_request:", ""));
    answer.remove("err_msg");
    return answer;
  }

  private ObjectNode decide(Order order, String action) {
    try {
      switch (action) {
        case "pay":
          sim.pay(order);
          break;
        case "fail":
          sim.fail(order);
          return withState(failure(FAIL, "the payer's payment failed (PAYERROR)"), order);
        case "cancel":
          return withState(failure(CANCEL, "the payer cancelled"), order);
        default:
          return failure(FAIL, "action must be pay, fail or cancel");
      }
    } catch (ApiError e) {
      return withState(failure(FAIL, e.code + ": " + e.getMessage()), order);
    }
    ObjectNode ok = Json.object();
    ok.put("err_msg", OK);
    return withState(ok, order);
  }

  private static ObjectNode withState(ObjectNode json, Order order) {
    json.put("out_trade_no", order.outTradeNo);
    json.put("trade_state", order.state());
    return json;
  }

  static ObjectNode summary(Order order) {
    ObjectNode json = Json.object();
    json.put("ok", true);
    json.put("description", order.description);
    json.put("total", order.total);
    json.put("amount", Html.yuan(order.total));
    json.put("out_trade_no", order.outTradeNo);
    json.put("trade_state", order.state());
    return json;
  }

  private static ObjectNode failure(String errMsg, @Nullable String why) {
    ObjectNode json = Json.object();
    json.put("err_msg", errMsg);
    json.put("err_desc", why == null ? "" : why);
    return json;
  }

  private static @Nullable String text(JsonNode body, String name) {
    JsonNode value = body.path(name);
    return value.isString() ? value.asString() : null;
  }

  /**
   * The merchant's {@code redirect_url}, appended to {@code h5_url}: an absolute http or https URL
   * (WeChat also wants it under the H5 domain configured in 商户平台, which the simulator has not).
   */
  static String checkRedirectUrl(String redirectUrl) throws Refused {
    URI uri;
    try {
      uri = new URI(redirectUrl);
    } catch (URISyntaxException e) {
      throw new Refused("redirect_url is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new Refused("redirect_url must be an absolute http(s) URL, URL-encoded");
    }
    return redirectUrl;
  }
}
