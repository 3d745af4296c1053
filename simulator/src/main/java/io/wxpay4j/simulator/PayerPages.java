package io.wxpay4j.simulator;

import org.jspecify.annotations.Nullable;

/** The pages a payer sees: the JSAPI pay sheet, the H5 cashier (收银台) and an error page. */
final class PayerPages {
  private PayerPages() {}

  private static String head(String title, String page) {
    return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
        + Html.escape(title)
        + "</title><link rel=\"stylesheet\" href=\"/simulator/web/dashboard.css\">"
        + "<script src=\"/simulator/web/payer.js\" defer></script></head><body class=\"payer\""
        + " data-page=\""
        + page
        + "\">";
  }

  private static final String BUTTONS =
      "<div class=\"buttons\"><button type=\"button\" id=\"pay\" class=\"primary\" disabled>"
          + "Pay 确认支付</button><button type=\"button\" id=\"fail\" disabled>"
          + "Fail 支付失败</button><button type=\"button\" id=\"cancel\" disabled>"
          + "Cancel 取消</button></div><p id=\"message\" role=\"status\"></p>";

  /**
   * The JSAPI sheet, framed by the bridge script: it receives the front end's parameters by {@code
   * postMessage}, asks the simulator to check them, and lets the payer decide.
   */
  static String jsapiSheet() {
    return head("微信支付 WeChat Pay (simulator)", "jsapi")
        + "<div class=\"sheet\"><p class=\"brand\">微信支付 WeChat Pay <small>wxpay4j simulator,"
        + " TEST ONLY</small></p><p id=\"description\" class=\"description\">Checking the"
        + " parameters 验证参数…</p><p id=\"amount\" class=\"amount\"></p>"
        + "<p id=\"out-trade-no\" class=\"muted\"></p>"
        + BUTTONS
        + "</div></body></html>";
  }

  /** The H5 cashier behind an {@code h5_url}. */
  static String h5Cashier(Order order, String pkg, @Nullable String redirectUrl) {
    return head("微信支付收银台 H5 cashier (simulator)", "h5")
        + "<div class=\"sheet\" id=\"cashier\" data-prepay-id=\""
        + Html.escape(order.prepayId)
        + "\" data-package=\""
        + Html.escape(pkg)
        + "\" data-redirect-url=\""
        + Html.escape(redirectUrl == null ? "" : redirectUrl)
        + "\" data-state=\""
        + Html.escape(order.state())
        + "\"><p class=\"brand\">微信支付 WeChat Pay <small>H5 cashier 收银台, wxpay4j simulator,"
        + " TEST ONLY</small></p><p id=\"description\" class=\"description\">"
        + Html.escape(order.description)
        + "</p><p id=\"amount\" class=\"amount\">"
        + Html.escape(Html.yuan(order.total))
        + "</p><p id=\"out-trade-no\" class=\"muted\">out_trade_no "
        + Html.escape(order.outTradeNo)
        + " · "
        + Html.escape(order.state())
        + "</p><p class=\"muted\">"
        + (redirectUrl == null
            ? "No redirect_url: the result stays on this page 无 redirect_url"
            : "Then back to 完成后返回 " + Html.escape(redirectUrl))
        + "</p>"
        + BUTTONS
        + "</div></body></html>";
  }

  static String error(String message) {
    return head("微信支付 WeChat Pay (simulator)", "error")
        + "<div class=\"sheet\"><p class=\"brand\">微信支付 WeChat Pay</p><p class=\"error\">"
        + Html.escape(message)
        + "</p></div></body></html>";
  }
}
