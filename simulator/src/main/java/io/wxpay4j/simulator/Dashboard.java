package io.wxpay4j.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard at {@code /simulator/}: one server-rendered page of orders (with the Native {@code
 * code_url} as a QR code), refunds, contracts, the notification log, faults, platform certificates
 * and the clock. Its buttons post JSON to the control API from {@code web/dashboard.js}, so every
 * change passes {@link ControlGuard} like any other control call.
 */
final class Dashboard {
  private Dashboard() {}

  /** Fault routes offered by the form (the operationIds of the spec plus {@code *}). */
  private static List<String> routes(Simulation sim) {
    List<String> routes = new ArrayList<>();
    routes.add(Faults.ANY_ROUTE);
    routes.addAll(sim.spec.operationIds());
    routes.add(Faults.NOTIFICATION_ROUTE);
    return routes;
  }

  static String render(Simulation sim, String baseUrl) {
    StringBuilder html = new StringBuilder(16 * 1024);
    Credentials c = sim.credentials;
    html.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>wxpay4j simulator 微信支付模拟器</title>")
        .append("<link rel=\"stylesheet\" href=\"/simulator/web/dashboard.css\">")
        .append("<script src=\"/simulator/web/dashboard.js\" defer></script></head><body>");
    html.append("<header><h1>wxpay4j simulator <span class=\"zh\">微信支付模拟器</span></h1>")
        .append("<p class=\"warning\">TEST ONLY 仅供测试 — no real money, test keys.</p>")
        .append("<dl class=\"facts\">");
    fact(html, "Merchant ID 商户号", c.merchantId);
    fact(html, "App ID", c.appId);
    fact(html, "Sub-merchant 子商户号", sim.subMerchantId + " / " + sim.subAppId);
    fact(html, "Base URL", baseUrl);
    fact(html, "Simulator time 模拟时间", Order.rfc3339(sim.now()));
    html.append("</dl>");
    html.append("<p id=\"status\" role=\"status\" aria-live=\"polite\"></p></header><main>");
    orders(html, sim);
    refunds(html, sim);
    contracts(html, sim);
    notifications(html, sim);
    faults(html, sim);
    clock(html, sim);
    certificates(html, sim);
    html.append("</main></body></html>");
    return html.toString();
  }

  private static void fact(StringBuilder html, String label, String value) {
    html.append("<dt>").append(Html.escape(label)).append("</dt><dd>");
    html.append(Html.escape(value)).append("</dd>");
  }

  private static void orders(StringBuilder html, Simulation sim) {
    List<DashboardOrders.Row> rows = DashboardOrders.rows(sim);
    html.append("<section id=\"orders\"><h2>Orders <span class=\"zh\">订单</span> (")
        .append(rows.size())
        .append(")</h2>");
    if (rows.isEmpty()) {
      html.append("<p class=\"empty\">No orders yet 暂无订单: prepay one with a signed request.</p>");
    } else {
      html.append("<table><thead><tr><th>Kind 类型</th><th>out_trade_no 商户订单号</th>")
          .append("<th>trade_type</th><th>State 状态</th><th>Amount 金额</th>")
          .append("<th>Created 下单时间</th><th>Paid 支付时间</th><th>Payer 付款人</th>")
          .append("<th>Pay with 支付方式</th><th>Actions 操作</th></tr></thead><tbody>");
      for (DashboardOrders.Row row : rows) {
        html.append("<tr data-out-trade-no=\"").append(Html.escape(row.outTradeNo())).append("\">");
        cell(html, row.kind());
        html.append("<td><code>").append(Html.escape(row.outTradeNo())).append("</code>");
        html.append("<div class=\"muted\">").append(Html.escape(row.description()));
        if (row.transactionId() != null) {
          html.append("<br>transaction_id ").append(Html.escape(row.transactionId()));
        }
        html.append("</div></td>");
        cell(html, row.tradeType());
        stateCell(html, row.state());
        cell(html, Html.yuan(row.totalFen()));
        html.append("<td>").append(time(row.createTime()));
        html.append("<div class=\"muted\">expires 过期 ").append(time(row.timeExpire()));
        html.append("</div></td>");
        html.append("<td>").append(time(row.successTime())).append("</td>");
        cell(html, maskOpenid(row.payer()));
        html.append("<td>");
        if (row.codeUrl() != null) {
          html.append("<figure class=\"qr\">")
              .append(QrSvg.svg(row.codeUrl(), 132))
              .append("<figcaption><code>")
              .append(Html.escape(row.codeUrl()))
              .append("</code></figcaption></figure>");
        } else if (row.h5Url() != null) {
          // relative: right on this start's port, also for an order kept from an earlier start
          String h5Url = row.h5Url();
          int cashier = h5Url.indexOf("/simulator/cashier/");
          html.append("<a href=\"")
              .append(Html.escape(cashier < 0 ? h5Url : h5Url.substring(cashier)))
              .append("\">H5 cashier 收银台</a>");
        }
        html.append("</td><td class=\"actions\">");
        actions(html, row.actions());
        html.append("</td></tr>");
      }
      html.append("</tbody></table>");
    }
    html.append("</section>");
  }

  private static void refunds(StringBuilder html, Simulation sim) {
    List<Refund> refunds = sim.refunds.all();
    html.append("<section id=\"refunds\"><h2>Refunds <span class=\"zh\">退款</span> (")
        .append(refunds.size())
        .append(")</h2>");
    if (refunds.isEmpty()) {
      html.append("<p class=\"empty\">No refunds 暂无退款.</p></section>");
      return;
    }
    html.append("<table><thead><tr><th>out_refund_no 商户退款单号</th><th>out_trade_no</th>")
        .append("<th>Status 状态</th><th>Refund 退款金额</th><th>Created 申请时间</th>")
        .append("<th>Succeeded 成功时间</th><th>Account 入账账户</th><th>Actions 操作</th></tr>")
        .append("</thead><tbody>");
    for (Refund refund : refunds) {
      JsonNode json = refund.snapshotJson();
      String status = json.path("status").asString();
      String path = "/simulator/refunds/" + pathSegment(refund.outRefundNo);
      html.append("<tr data-out-refund-no=\"")
          .append(Html.escape(refund.outRefundNo))
          .append("\">");
      html.append("<td><code>").append(Html.escape(refund.outRefundNo)).append("</code></td>");
      html.append("<td><code>").append(Html.escape(refund.order.outTradeNo)).append("</code></td>");
      stateCell(html, status);
      cell(html, Html.yuan(refund.amount) + " / " + Html.yuan(refund.total));
      cell(html, json.path("create_time").asString());
      cell(html, json.path("success_time").asString(""));
      cell(html, json.path("user_received_account").asString());
      html.append("<td class=\"actions\">");
      List<DashboardOrders.Action> actions = new ArrayList<>();
      if (Refund.PROCESSING.equals(status)) {
        actions.add(new DashboardOrders.Action("Succeed 成功", path + "/succeed", "{}"));
        actions.add(new DashboardOrders.Action("Abnormal 异常", path + "/abnormal", "{}"));
      }
      if (Refund.PROCESSING.equals(status) || Refund.ABNORMAL.equals(status)) {
        actions.add(new DashboardOrders.Action("Close 关闭", path + "/close", "{}"));
      }
      actions(html, actions);
      html.append("</td></tr>");
    }
    html.append("</tbody></table></section>");
  }

  private static void contracts(StringBuilder html, Simulation sim) {
    List<Contract> contracts = sim.contracts.all();
    html.append("<section id=\"contracts\"><h2>Contracts <span class=\"zh\">签约 (委托代扣)</span> (")
        .append(contracts.size())
        .append(")</h2>");
    if (contracts.isEmpty()) {
      html.append("<p class=\"empty\">No contracts 暂无签约: pay a with-contract order.</p>");
      html.append("</section>");
      return;
    }
    html.append("<table><thead><tr><th>plan_id 模板</th><th>out_contract_code 签约协议号</th>")
        .append("<th>contract_id</th><th>State 状态</th><th>Signed 签约时间</th>")
        .append("<th>out_trade_no</th><th>Actions 操作</th></tr></thead><tbody>");
    for (Contract contract : contracts) {
      JsonNode json = contract.snapshotJson();
      String state = json.path("contract_state").asString();
      html.append("<tr>");
      cell(html, String.valueOf(contract.planId));
      html.append("<td><code>")
          .append(Html.escape(contract.outContractCode))
          .append("</code></td>");
      cell(html, contract.contractId);
      stateCell(html, state);
      cell(html, json.path("contract_signed_time").asString(""));
      cell(html, contract.outTradeNo);
      html.append("<td class=\"actions\">");
      if (Contract.SIGNED.equals(state)) {
        actions(
            html,
            List.of(
                new DashboardOrders.Action(
                    "Terminate as payer 用户解约",
                    "/simulator/contracts/"
                        + contract.planId
                        + "/"
                        + pathSegment(contract.outContractCode)
                        + "/terminate",
                    "{}")));
      }
      html.append("</td></tr>");
    }
    html.append("</tbody></table></section>");
  }

  private static void notifications(StringBuilder html, Simulation sim) {
    Map<String, List<NotificationAttempt>> byId = new LinkedHashMap<>();
    for (NotificationAttempt attempt : sim.notifier.log()) {
      byId.computeIfAbsent(attempt.notificationId(), id -> new ArrayList<>()).add(attempt);
    }
    html.append("<section id=\"notifications\"><h2>Notifications <span class=\"zh\">通知</span> (")
        .append(byId.size())
        .append(")</h2>");
    if (byId.isEmpty()) {
      html.append("<p class=\"empty\">No notifications 暂无通知.</p></section>");
      return;
    }
    html.append("<table><thead><tr><th>Event 事件</th><th>Order / refund 订单</th>")
        .append("<th>notify_url 通知地址</th><th>Attempts 尝试 (time 时间, answer 应答)</th>")
        .append("<th>Actions 操作</th></tr></thead><tbody>");
    for (Map.Entry<String, List<NotificationAttempt>> entry : byId.entrySet()) {
      List<NotificationAttempt> attempts = entry.getValue();
      NotificationAttempt first = attempts.get(0);
      boolean delivered = attempts.stream().anyMatch(NotificationAttempt::delivered);
      html.append("<tr data-notification-id=\"").append(Html.escape(entry.getKey())).append("\">");
      html.append("<td>").append(Html.escape(first.eventType()));
      html.append("<div class=\"muted\">id ").append(Html.escape(entry.getKey())).append("</div>");
      html.append("<div class=\"state state-")
          .append(delivered ? "SUCCESS\">delivered 已送达" : "PAYERROR\">not delivered 未送达")
          .append("</div></td>");
      cell(
          html,
          first.outTradeNo() + (first.outRefundNo() == null ? "" : " / " + first.outRefundNo()));
      html.append("<td><code>").append(Html.escape(first.url())).append("</code></td><td><ol>");
      for (NotificationAttempt attempt : attempts) {
        html.append("<li value=\"").append(attempt.attempt()).append("\">");
        html.append(time(attempt.sentAt())).append(" — ");
        if (!attempt.sent()) {
          html.append("not sent 未发送: ").append(Html.escape(attempt.error()));
        } else if (attempt.error() != null) {
          html.append("no answer 无应答: ").append(Html.escape(attempt.error()));
        } else {
          html.append("<strong>").append(attempt.statusCode()).append("</strong> ");
          html.append("<code>")
              .append(Html.escape(abbreviate(attempt.responseBody())))
              .append("</code>");
        }
        if (attempt.fault() != null) {
          html.append(" <em>fault ").append(Html.escape(attempt.fault())).append("</em>");
        }
        html.append("</li>");
      }
      html.append("</ol></td><td class=\"actions\">");
      actions(
          html,
          List.of(
              new DashboardOrders.Action(
                  "Deliver again 重新发送",
                  "/simulator/notifications/" + pathSegment(entry.getKey()) + "/redeliver",
                  "{}")));
      html.append("</td></tr>");
    }
    html.append("</tbody></table></section>");
  }

  private static void faults(StringBuilder html, Simulation sim) {
    html.append("<section id=\"faults\"><h2>Fault injection <span class=\"zh\">故障注入</span></h2>");
    JsonNode rules = sim.faults.json();
    if (rules.isEmpty()) {
      html.append("<p class=\"empty\">No faults 无故障规则.</p>");
    } else {
      html.append("<ul>");
      for (JsonNode rule : rules) {
        html.append("<li><code>").append(Html.escape(Json.write(rule))).append("</code></li>");
      }
      html.append("</ul>");
      actions(
          html,
          List.of(new DashboardOrders.Action("Clear faults 清除", "DELETE /simulator/faults", "")));
    }
    html.append("<form id=\"fault-form\" data-path=\"/simulator/faults\">")
        .append("<label>Route 接口 <select name=\"route\">");
    for (String route : routes(sim)) {
      html.append("<option>").append(Html.escape(route)).append("</option>");
    }
    html.append("</select></label> <label>Fault 故障 <select name=\"fault\">");
    for (Fault fault : Fault.values()) {
      html.append("<option>").append(fault.name()).append("</option>");
    }
    html.append("</select></label> <label>Times 次数 ")
        .append("<input name=\"times\" type=\"number\" min=\"1\" value=\"1\"></label> ")
        .append("<label>Latency ms 延迟 <input name=\"latency_ms\" type=\"number\" min=\"0\"")
        .append(" value=\"2000\"></label> <button type=\"submit\">Inject 注入</button></form>")
        .append("</section>");
  }

  private static void clock(StringBuilder html, Simulation sim) {
    html.append("<section id=\"clock\"><h2>Clock <span class=\"zh\">时钟</span></h2>")
        .append("<p>Simulator time 模拟时间 <strong id=\"now\">")
        .append(Html.escape(Order.rfc3339(sim.now())))
        .append("</strong></p>");
    actions(
        html,
        List.of(
            new DashboardOrders.Action("+1 min 分钟", "/simulator/clock/advance", "{\"seconds\":60}"),
            new DashboardOrders.Action("+1 h 小时", "/simulator/clock/advance", "{\"seconds\":3600}"),
            new DashboardOrders.Action(
                "+1 day 天", "/simulator/clock/advance", "{\"seconds\":86400}")));
    html.append("<form id=\"clock-form\" data-path=\"/simulator/clock/advance\">")
        .append(
            "<label>Advance seconds 前进秒数 <input name=\"seconds\" type=\"number\" value=\"300\">")
        .append("</label> <button type=\"submit\">Advance 前进</button></form></section>");
  }

  private static void certificates(StringBuilder html, Simulation sim) {
    html.append(
        "<section id=\"certificates\"><h2>Platform certificates <span class=\"zh\">平台证书</span></h2>");
    if (sim.publicKeyOnly) {
      html.append("<p>Public-key-only merchant 仅微信支付公钥: ")
          .append(Html.escape(sim.credentials.publicKeyId))
          .append("</p></section>");
      return;
    }
    KeyRing.PlatformEntry signing = sim.signingPlatformEntry();
    html.append("<table><thead><tr><th>serial_no 序列号</th><th>effective 生效</th>")
        .append("<th>expires 过期</th><th>Signing 签名中</th></tr></thead><tbody>");
    for (KeyRing.PlatformEntry entry : sim.keyRing.platformEntries()) {
      html.append("<tr><td><code>").append(Html.escape(entry.serial)).append("</code></td>");
      cell(html, Order.rfc3339(entry.reportedEffective));
      cell(html, Order.rfc3339(entry.reportedExpiry));
      cell(html, entry == signing ? "yes 是" : "");
      html.append("</tr>");
    }
    html.append("</tbody></table>");
    actions(
        html,
        List.of(
            new DashboardOrders.Action(
                "Add 新增 (signs in 24 h)", "/simulator/certificates/add", "{}"),
            new DashboardOrders.Action("Activate 启用", "/simulator/certificates/activate", "{}"),
            new DashboardOrders.Action("Rotate 轮换", "/simulator/certificates/rotate", "{}")));
    html.append("</section>");
  }

  /**
   * Buttons for control calls. A path may start with a method ({@code DELETE /simulator/faults});
   * POST otherwise.
   */
  private static void actions(StringBuilder html, List<DashboardOrders.Action> actions) {
    for (DashboardOrders.Action action : actions) {
      String path = action.path();
      String method = "POST";
      int space = path.indexOf(' ');
      if (space > 0) {
        method = path.substring(0, space);
        path = path.substring(space + 1);
      }
      html.append("<button type=\"button\" class=\"action\" data-method=\"")
          .append(Html.escape(method))
          .append("\" data-path=\"")
          .append(Html.escape(path))
          .append("\" data-body=\"")
          .append(Html.escape(action.body()))
          .append("\">")
          .append(Html.escape(action.label()))
          .append("</button> ");
    }
  }

  /** A state (NOTPAY, SUCCESS, …) coloured by the style sheet. */
  private static void stateCell(StringBuilder html, String state) {
    html.append("<td class=\"state state-")
        .append(Html.escape(state))
        .append("\">")
        .append(Html.escape(state))
        .append("</td>");
  }

  private static void cell(StringBuilder html, @Nullable String text) {
    html.append("<td>").append(Html.escape(text)).append("</td>");
  }

  private static String time(@Nullable Instant instant) {
    return instant == null ? "" : Html.escape(Order.rfc3339(instant));
  }

  /** Enough of an openid to tell payers apart, not the whole identifier. */
  static String maskOpenid(@Nullable String openid) {
    if (openid == null) {
      return "";
    }
    return openid.length() <= 8
        ? "****"
        : openid.substring(0, 4) + "…" + openid.substring(openid.length() - 4);
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }

  /** A path segment for a control URL (out_trade_no allows only [A-Za-z0-9_-|*], but be safe). */
  static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
