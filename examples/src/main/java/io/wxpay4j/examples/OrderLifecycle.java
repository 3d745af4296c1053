package io.wxpay4j.examples;

import io.wxpay4j.WechatPayApiException;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayClientBuilder;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.pay.JsapiPayParameters;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.H5Info;
import io.wxpay4j.model.H5PrepayResponse;
import io.wxpay4j.model.H5Type;
import io.wxpay4j.model.NativePrepayResponse;
import io.wxpay4j.model.Payer;
import io.wxpay4j.model.PrepayRequest;
import io.wxpay4j.model.Refund;
import io.wxpay4j.model.RefundNotification;
import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.model.RefundStatus;
import io.wxpay4j.model.SceneInfo;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.model.Transaction;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The whole order lifecycle in one program: a JSAPI, a mini-program, an APP, an H5 and a Native order with their
 * signed front-end parameters, the Native {@code code_url} as a QR code, a payment, its notification verified
 * and decrypted on a local notify endpoint, the paid order queried by both ids and refunded in full (its
 * {@code REFUND.SUCCESS} notification verified too), an unpaid order closed and shown to be unpayable, an APP
 * order that also signs a deduction contract (支付中签约, beta: both notices, the contract queried and
 * terminated), and a summary.
 *
 * <p>By default it starts an embedded simulator and needs no credentials. With a merchant account ({@code
 * --help}) the payment step becomes "scan this QR code" and the program polls the order until it is paid; the
 * refund step then refunds the ¥0.01 the payer paid.
 * Exit code 0 when every step worked, 1 when one failed, 2 for bad options.
 */
public final class OrderLifecycle {
  static final String SUMMARY =
      "the WeChat Pay order lifecycle: prepay (JSAPI, mini-program, APP, H5, Native), pay, notification,"
          + " query, refund, close";
  private static final int STEPS = 11;
  private static final int FIELD_COLUMNS = 17;

  private final Setup setup;
  private final PrintStream out;
  private final boolean simulator;
  private final List<Placed> placed = new ArrayList<>();

  private OrderLifecycle(Setup setup, PrintStream out) {
    this.setup = setup;
    this.out = out;
    this.simulator = setup.onSimulator();
  }

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the lifecycle, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, OrderLifecycle.class, SUMMARY, (setup, o) -> new OrderLifecycle(setup, o).play());
  }

  /** One order this run placed, or skipped. */
  private static final class Placed {
    final String kind;
    final String outTradeNo;
    final @Nullable String skipped;
    final @Nullable Runnable prepayAgain;
    /** The Native order's {@code code_url}. */
    @Nullable String codeUrl;

    Placed(String kind, String outTradeNo, @Nullable String skipped, @Nullable Runnable prepayAgain) {
      this.kind = kind;
      this.outTradeNo = outTradeNo;
      this.skipped = skipped;
      this.prepayAgain = prepayAgain;
    }
  }

  private void play() throws Exception {
    Merchant merchant = setup.merchant();
    String notifyOption = merchant.notifyUrl();
    NotifyEndpoint endpoint = null;
    String notifyUrl;
    if (notifyOption == null) {
      if (!simulator) {
        throw new Options.UsageException(
            "--notify-url is required against WeChat Pay: the public https URL where your server receives"
                + " notifications (this program then checks payment by querying)");
      }
      endpoint = NotifyEndpoint.start("127.0.0.1", 0, "/wechatpay/notify");
      notifyUrl = endpoint.url();
    } else {
      HttpUrl url = HttpUrl.parse(notifyOption);
      if (url == null) {
        throw new Options.UsageException("--notify-url " + notifyOption + " is not an http(s) URL");
      }
      if (!url.isHttps() && Setup.isLoopback(url.host())) {
        endpoint = NotifyEndpoint.start(url.host().equals("localhost") ? "127.0.0.1" : url.host(), url.port(),
            url.encodedPath());
      }
      notifyUrl = notifyOption;
    }
    WechatPayClientBuilder builder = merchant.clientBuilder().notifyUrl(notifyUrl);
    if (endpoint != null) {
      builder.refundNotifyUrl(endpoint.refundUrl()); // REFUND.* notifications to this program too
    }
    try (NotifyEndpoint notify = endpoint;
        WechatPayClient wechatPay = builder.build()) {
      if (notify != null) {
        notify.verifyWith(wechatPay);
      }
      printAccount(merchant, notify, notifyUrl);
      String openid = Optional.ofNullable(setup.options().get("openid")).orElse(simulator ? Setup.DEMO_OPENID : null);

      step(1, "JSAPI order (公众号支付): a web page inside WeChat");
      jsapi(wechatPay, openid);
      step(2, "Mini-program order (小程序支付)");
      miniProgram(wechatPay, openid);
      step(3, "APP order (APP支付): the OpenSDK's PayReq");
      app(wechatPay);
      step(4, "H5 order (H5支付): a mobile browser outside WeChat");
      h5(wechatPay);
      step(5, "Native order (Native支付): a QR code the payer scans");
      Placed nativeOrder = nativeOrder(wechatPay);
      step(6, "Payment");
      pay(wechatPay, nativeOrder);
      step(7, "Payment notification (支付成功回调)");
      Transaction notified = notification(notify, notifyUrl, nativeOrder);
      step(8, "Query the paid order by both ids");
      String transactionId = query(wechatPay, nativeOrder, notified);
      step(9, "Refund the paid order in full (退款)");
      Refund refund = refund(wechatPay, notify, nativeOrder, transactionId);
      step(10, "Close an unpaid order, then try to pay it");
      close(wechatPay);
      step(11, "Pay and sign a deduction contract (支付中签约, beta)");
      payAndSign(wechatPay, notify);
      summary(wechatPay, refund);
    }
  }

  private void printAccount(Merchant merchant, @Nullable NotifyEndpoint notify, String notifyUrl) {
    field("mchid 商户号", merchant.merchantId());
    field("appid", merchant.appId());
    field("merchant serial", merchant.merchantSerial() + "  (商户API证书序列号)");
    field("private key", merchant.privateKeyFile().getFileName() + " loaded, not shown  (商户API私钥)");
    field("verifies with", merchant.hasPublicKey()
        ? merchant.publicKeyId() + "  (微信支付公钥)"
        : "platform certificates, downloaded with the APIv3 key  (平台证书)");
    field("APIv3 key", merchant.apiV3Key() != null
        ? "set, not shown  (APIv3密钥)"
        : "not set: notifications cannot be decrypted (APIv3密钥)");
    field("notify_url", notifyUrl + (notify != null ? "  (served by this program)" : "  (your server)"));
    field("refund notify", notify != null
        ? notify.refundUrl() + "  (served by this program)"
        : "not set: WeChat Pay uses the refund URL configured in 商户平台");
  }

  private void step(int number, String title) {
    out.println();
    out.printf("[%d/%d] %s%n", number, STEPS, title);
  }

  private void field(String name, @Nullable Object value) {
    out.println("      " + Text.pad(name, FIELD_COLUMNS) + value);
  }

  private Consumer<PrepayRequest.Builder> order(String description, String outTradeNo) {
    return order -> order
        .description(description)
        .outTradeNo(outTradeNo)
        .attach("wxpay4j example")
        .amount(Amount.builder().total(1).build()); // 1 fen (¥0.01)
  }

  private void jsapi(WechatPayClient wechatPay, @Nullable String openid) {
    String outTradeNo = OrderNumbers.next("jsapi");
    if (openid == null) {
      skip("JSAPI", outTradeNo, "needs --openid: a payer's openid under --appid");
      return;
    }
    Consumer<PrepayRequest.Builder> order =
        order("wxpay4j JSAPI example", outTradeNo).andThen(o -> o.payer(Payer.builder().openid(openid).build()));
    optional("JSAPI", outTradeNo, () -> {
      WechatPayResponse<JsapiPayParameters> created = wechatPay.orders().prepayJsapiWithPayParameters(order);
      printOrder(outTradeNo, created.requestId());
      field("payer openid", Text.maskOpenid(openid));
      out.println("      the page calls WeixinJSBridge.invoke('getBrandWCPayRequest', <this JSON>, callback):");
      out.println(Text.indent(Text.prettyJson(created.body().toJson()), "        "));
      return () -> wechatPay.orders().prepayJsapiWithPayParameters(order);
    });
  }

  private void miniProgram(WechatPayClient wechatPay, @Nullable String openid) {
    String outTradeNo = OrderNumbers.next("mini");
    if (openid == null) {
      skip("Mini-program", outTradeNo, "needs --openid: a payer's openid under --appid");
      return;
    }
    Consumer<PrepayRequest.Builder> order =
        order("wxpay4j mini-program example", outTradeNo).andThen(o -> o.payer(Payer.builder().openid(openid).build()));
    optional("Mini-program", outTradeNo, () -> {
      WechatPayResponse<JsapiPayParameters> created = wechatPay.orders().prepayMiniProgramWithPayParameters(order);
      printOrder(outTradeNo, created.requestId());
      out.println("      the mini-program calls wx.requestPayment({...<this JSON>, success, fail}):");
      out.println(Text.indent(Text.prettyJson(created.body().toMiniProgramJson()), "        "));
      return () -> wechatPay.orders().prepayMiniProgramWithPayParameters(order);
    });
  }

  private void app(WechatPayClient wechatPay) {
    String outTradeNo = OrderNumbers.next("app");
    Consumer<PrepayRequest.Builder> order = order("wxpay4j APP example", outTradeNo);
    optional("APP", outTradeNo, () -> {
      WechatPayResponse<AppPayParameters> created = wechatPay.orders().prepayAppWithPayParameters(order);
      printOrder(outTradeNo, created.requestId());
      out.println("      the app fills the OpenSDK's PayReq with this JSON and calls api.sendReq(req):");
      out.println(Text.indent(Text.prettyJson(created.body().toJson()), "        "));
      return () -> wechatPay.orders().prepayAppWithPayParameters(order);
    });
  }

  private void h5(WechatPayClient wechatPay) {
    String outTradeNo = OrderNumbers.next("h5");
    Consumer<PrepayRequest.Builder> order =
        order("wxpay4j H5 example", outTradeNo)
            .andThen(o -> o.sceneInfo(SceneInfo.builder()
                .payerClientIp("14.23.150.211") // the payer's real IP, as your web server sees it
                .h5Info(H5Info.builder().type(H5Type.WAP).build())
                .build()));
    optional("H5", outTradeNo, () -> {
      WechatPayResponse<H5PrepayResponse> created = wechatPay.orders().prepayH5(order);
      printOrder(outTradeNo, created.requestId());
      field("h5_url", created.body().getH5Url());
      out.println("      the mobile page redirects to h5_url (valid for 5 minutes) to open WeChat and pay");
      return () -> wechatPay.orders().prepayH5(order);
    });
  }

  private Placed nativeOrder(WechatPayClient wechatPay) {
    String outTradeNo = OrderNumbers.next("native");
    Consumer<PrepayRequest.Builder> order = order("wxpay4j Native example", outTradeNo);
    WechatPayResponse<NativePrepayResponse> created = wechatPay.orders().prepayNative(order);
    String codeUrl = created.body().getCodeUrl();
    printOrder(outTradeNo, created.requestId());
    field("code_url", codeUrl);
    out.println("      as a QR code (scan it with WeChat; drawn light-on-dark for a dark terminal):");
    out.println();
    out.print(Text.indent(QrCode.render(codeUrl).stripTrailing(), "      "));
    out.println();
    Placed result = new Placed("Native", outTradeNo, null, () -> wechatPay.orders().prepayNative(order));
    result.codeUrl = codeUrl;
    placed.add(result);
    return result;
  }

  private void pay(WechatPayClient wechatPay, Placed nativeOrder) throws InterruptedException {
    Optional<SimulatedPayer> payer = setup.payer(); // absent with --manual-pay and where no control API answered
    if (payer.isPresent()) {
      payer.get().pay("code_url", nativeOrder.codeUrl);
      out.println("      the simulated payer scanned the QR code and paid " + Text.yuan(1) + " for " + nativeOrder.outTradeNo);
      return;
    }
    int timeout = payTimeoutSeconds();
    out.println(simulator
        ? "      Pay it through the simulator: POST " + setup.merchant().baseUrl() + "simulator/pay {\"code_url\": …}"
            + " with Content-Type: application/json."
        : Setup.isLoopback(HttpUrl.get(setup.merchant().baseUrl()).host())
            ? "      Pay it as the payer of " + setup.merchant().baseUrl() + " would (this program calls no control"
                + " API there)."
            : "      Scan the QR code above with WeChat and pay " + Text.yuan(1) + " (a real payment: step 9 refunds"
                + " it).");
    out.println("      Waiting up to " + timeout + " s, querying the order every 3 s...");
    long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
    TradeState last = null;
    while (true) {
      Transaction order = wechatPay.orders().queryByOutTradeNo(nativeOrder.outTradeNo).body();
      if (order.getTradeState() != last) {
        last = order.getTradeState();
        field("trade_state", last + (order.getTradeStateDesc() != null ? "  " + order.getTradeStateDesc() : ""));
      }
      if (last == TradeState.SUCCESS) {
        return;
      }
      if (last != TradeState.NOTPAY && last != TradeState.USERPAYING) {
        throw new IllegalStateException("the Native order ended " + last + " instead of SUCCESS");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Native order was not paid within " + timeout + " s (--pay-timeout)");
      }
      Thread.sleep(3000);
    }
  }

  private int payTimeoutSeconds() {
    String value = setup.options().get("pay-timeout");
    if (value == null) {
      return 180;
    }
    try {
      int seconds = Integer.parseInt(value);
      if (seconds > 0) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // falls through to the usage error
    }
    throw new Options.UsageException("--pay-timeout must be a positive number of seconds, was " + value);
  }

  private @Nullable Transaction notification(@Nullable NotifyEndpoint notify, String notifyUrl, Placed nativeOrder)
      throws InterruptedException {
    if (notify == null) {
      out.println("      WeChat Pay sends it to " + notifyUrl + " (your server, not this program);");
      out.println("      this program relies on querying the order instead.");
      return null;
    }
    NotifyEndpoint.Arrival arrival = notify.await(Duration.ofSeconds(30));
    if (arrival == null) {
      throw new IllegalStateException("no notification reached " + notify.url() + " within 30 s");
    }
    if (arrival.rejection != null) {
      throw new IllegalStateException(
          "the notification was rejected (" + arrival.rejection.kind() + "), answered "
              + arrival.rejection.answer().status(), arrival.rejection);
    }
    Transaction paid = arrival.paid;
    out.println("      received at " + notify.url() + ": signature verified, resource decrypted with the"
        + " APIv3 key (AES-256-GCM), answered 204");
    field("out_trade_no", paid.getOutTradeNo());
    field("transaction_id", paid.getTransactionId());
    field("trade_state", paid.getTradeState());
    field("amount", Text.yuan(paid.getAmount().getTotal()));
    field("payer openid", Text.maskOpenid(paid.getPayer() == null ? null : paid.getPayer().getOpenid()));
    field("success_time", paid.getSuccessTime());
    expect(nativeOrder.outTradeNo.equals(paid.getOutTradeNo()), "the notification is about " + paid.getOutTradeNo()
        + ", not the paid order " + nativeOrder.outTradeNo);
    expect(paid.getTradeState() == TradeState.SUCCESS, "the notification says " + paid.getTradeState());
    return paid;
  }

  private String query(WechatPayClient wechatPay, Placed nativeOrder, @Nullable Transaction notified) {
    WechatPayResponse<Transaction> byOutTradeNo = wechatPay.orders().queryByOutTradeNo(nativeOrder.outTradeNo);
    Transaction paid = byOutTradeNo.body();
    out.println("      queryByOutTradeNo(\"" + nativeOrder.outTradeNo + "\")");
    field("trade_state", paid.getTradeState() + "  " + Optional.ofNullable(paid.getTradeStateDesc()).orElse(""));
    field("transaction_id", paid.getTransactionId());
    field("trade_type", paid.getTradeType());
    field("bank_type", paid.getBankType());
    field("Request-ID", byOutTradeNo.requestId());
    expect(paid.getTradeState() == TradeState.SUCCESS, "the paid order is " + paid.getTradeState());
    WechatPayResponse<Transaction> byId = wechatPay.orders().queryById(paid.getTransactionId());
    out.println("      queryById(\"" + paid.getTransactionId() + "\")");
    field("out_trade_no", byId.body().getOutTradeNo());
    field("trade_state", byId.body().getTradeState());
    field("Request-ID", byId.requestId());
    expect(nativeOrder.outTradeNo.equals(byId.body().getOutTradeNo()), "queryById found another order");
    expect(byId.body().getTradeState() == TradeState.SUCCESS, "queryById says " + byId.body().getTradeState());
    if (notified != null) {
      expect(paid.getTransactionId().equals(notified.getTransactionId()),
          "the notification and the query disagree on transaction_id");
      out.println("      the notification, both queries and WeChat Pay agree: paid");
    }
    return paid.getTransactionId();
  }

  /**
   * Refunds the paid order in full (1 fen), then shows the REFUND.SUCCESS notification (on a notify endpoint this
   * program serves) and the refund queried by its out_refund_no. Against a real account the payer gets the ¥0.01
   * back.
   */
  private Refund refund(WechatPayClient wechatPay, @Nullable NotifyEndpoint notify, Placed nativeOrder,
      String transactionId) throws InterruptedException {
    String outRefundNo = OrderNumbers.next("refund");
    out.println(simulator
        ? "      refunding the " + Text.yuan(1) + " the simulated payer paid"
        : "      refunding the " + Text.yuan(1) + " the payer paid: a real refund, back to their WeChat balance (零钱)"
            + " or card");
    WechatPayResponse<Refund> created = wechatPay.refunds().create(r -> r
        .transactionId(transactionId)
        .outRefundNo(outRefundNo)
        .reason("wxpay4j example: full refund")
        .amount(RefundRequestAmount.builder().refund(1L).total(1L).currency("CNY").build()));
    Refund refund = created.body();
    out.println("      create(transaction_id " + transactionId + ", " + Text.yuan(1) + " of " + Text.yuan(1) + ")");
    field("out_refund_no", outRefundNo);
    field("refund_id", refund.getRefundId());
    field("status", refund.getStatus() + "  (accepted; the result is notified, or queried)");
    field("Request-ID", created.requestId());
    if (notify != null) {
      NotifyEndpoint.Arrival arrival = notify.awaitRefund(Duration.ofSeconds(30));
      if (arrival == null) {
        throw new IllegalStateException("no refund notification reached " + notify.refundUrl() + " within 30 s");
      }
      if (arrival.refund == null) {
        throw new IllegalStateException("the refund notification was rejected (" + arrival.rejection.kind()
            + "), answered " + arrival.rejection.answer().status(), arrival.rejection);
      }
      RefundNotification notified = arrival.refund;
      out.println("      REFUND." + notified.getRefundStatus() + " received at " + notify.refundUrl()
          + ": signature verified, resource decrypted with the APIv3 key (AES-256-GCM), answered 204");
      field("out_refund_no", notified.getOutRefundNo());
      field("refund_status", notified.getRefundStatus());
      field("amount", Text.yuan(notified.getAmount().getRefund()) + " of " + Text.yuan(notified.getAmount().getTotal()));
      field("success_time", notified.getSuccessTime());
      expect(outRefundNo.equals(notified.getOutRefundNo()), "the refund notification is about "
          + notified.getOutRefundNo() + ", not " + outRefundNo);
      expect(notified.getRefundStatus() == RefundStatus.SUCCESS, "the refund notification says "
          + notified.getRefundStatus());
    } else {
      out.println("      REFUND.* notifications go to the refund URL configured in 商户平台, not to this program;");
      out.println("      it queries the refund instead (every 10 s, up to " + refundTimeoutSeconds() + " s).");
    }
    Refund queried = queryRefund(wechatPay, outRefundNo, notify == null);
    out.println("      queryByOutRefundNo(\"" + outRefundNo + "\")");
    field("status", queried.getStatus()
        + (queried.getStatus() == RefundStatus.PROCESSING ? "  (still under way: WeChat Pay notifies the result)" : ""));
    field("channel", queried.getChannel());
    field("to", queried.getUserReceivedAccount());
    field("amount", Text.yuan(queried.getAmount().getRefund()) + " refunded, "
        + Text.yuan(queried.getAmount().getPayerRefund()) + " to the payer");
    field("success_time", queried.getSuccessTime());
    expect(queried.getRefundId().equals(refund.getRefundId()), "the query found another refund");
    expect(queried.getStatus() == RefundStatus.SUCCESS || (!simulator && queried.getStatus() == RefundStatus.PROCESSING),
        "the refund is " + queried.getStatus());
    return queried;
  }

  /** The refund, queried until it leaves PROCESSING (only when polling) or the refund timeout passes. */
  private Refund queryRefund(WechatPayClient wechatPay, String outRefundNo, boolean poll) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(refundTimeoutSeconds()).toNanos();
    while (true) {
      Refund refund = wechatPay.refunds().queryByOutRefundNo(outRefundNo).body();
      if (!poll || refund.getStatus() != RefundStatus.PROCESSING || System.nanoTime() > deadline) {
        return refund;
      }
      Thread.sleep(10_000);
    }
  }

  private int refundTimeoutSeconds() {
    String value = setup.options().get("refund-timeout");
    if (value == null) {
      return 120;
    }
    try {
      int seconds = Integer.parseInt(value);
      if (seconds > 0) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // falls through to the usage error
    }
    throw new Options.UsageException("--refund-timeout must be a positive number of seconds, was " + value);
  }

  private void close(WechatPayClient wechatPay) {
    Placed unpaid = placed.stream()
        .filter(p -> p.skipped == null && !p.kind.equals("Native"))
        .findFirst()
        .orElse(null);
    if (unpaid == null) {
      String outTradeNo = OrderNumbers.next("close");
      Consumer<PrepayRequest.Builder> order = order("wxpay4j order to close", outTradeNo);
      wechatPay.orders().prepayNative(order);
      unpaid = new Placed("Native (to close)", outTradeNo, null, () -> wechatPay.orders().prepayNative(order));
      placed.add(unpaid);
    }
    WechatPayResponse<Void> closed = wechatPay.orders().close(unpaid.outTradeNo);
    out.println("      close(\"" + unpaid.outTradeNo + "\")  (the " + unpaid.kind + " order)");
    field("answer", closed.httpStatus() + " No Content, Request-ID " + closed.requestId());
    TradeState state = wechatPay.orders().queryByOutTradeNo(unpaid.outTradeNo).body().getTradeState();
    field("trade_state", state);
    expect(state == TradeState.CLOSED, "the closed order is " + state);
    Optional<SimulatedPayer> payer = setup.payer();
    if (payer.isPresent()) {
      String refusal = null;
      try {
        payer.get().pay("out_trade_no", unpaid.outTradeNo);
      } catch (IllegalStateException e) {
        refusal = e.getMessage();
      }
      expect(refusal != null, "the simulated payer could pay a closed order");
      field("payer pays", "refused: " + refusal);
    }
    try {
      unpaid.prepayAgain.run();
      throw new IllegalStateException("prepay of a closed order's out_trade_no succeeded");
    } catch (WechatPayApiException e) {
      field("prepay again", "refused: HTTP " + e.httpStatus() + " " + e.code() + " " + e.errorMessage());
      expect(e.httpStatus() >= 400 && e.httpStatus() < 500, "expected a 4xx answer, got " + e.httpStatus());
    }
  }

  /**
   * An APP order with a contract: on a simulator the payer pays and signs and both notices are verified, the
   * contract queried and terminated; on a real account ({@code --plan-id} only) the order is placed for the app.
   */
  private void payAndSign(WechatPayClient wechatPay, @Nullable NotifyEndpoint notify) throws Exception {
    Long planId = PayAndSign.planId(setup);
    String kind = "APP + contract";
    if (planId == null) {
      skip(kind, "-", "needs --plan-id: a deduction template (委托代扣协议模板) configured in 商户平台");
      return;
    }
    PayAndSign.Output output = new PayAndSign.Output() {
      @Override
      public void field(String name, @Nullable Object value) {
        OrderLifecycle.this.field(name, value);
      }

      @Override
      public void line(String text) {
        out.println(Text.indent(text, "      "));
      }
    };
    Optional<SimulatedPayer> payer = setup.payer();
    PayAndSign.Result result;
    if (simulator && payer.isPresent() && notify != null) {
      try (ContractNotifyEndpoint contracts = ContractNotifyEndpoint.start("127.0.0.1", 0, "/wechatpay/contract")) {
        contracts.verifyWith(wechatPay);
        result = PayAndSign.onSimulator(setup, wechatPay, payer.get(), notify, contracts, planId, output);
      }
    } else {
      try {
        result = PayAndSign.prepayOnly(setup, wechatPay, planId, null, output);
      } catch (WechatPayApiException e) {
        if (simulator || e.httpStatus() >= 500) {
          throw e;
        }
        skip(kind, "-", "WeChat Pay refused it: " + e.code() + " " + e.errorMessage()
            + " (is 支付中签约 enabled for this appid and template " + planId + "?)");
        return;
      }
    }
    placed.add(new Placed(kind, result.outTradeNo, null, null));
  }

  private void summary(WechatPayClient wechatPay, Refund refund) {
    out.println();
    out.println("Summary: every step worked. Orders of this run, as WeChat Pay reports them now:");
    out.println();
    out.printf("      %-18s %-32s %s%n", "order", "out_trade_no", "trade_state");
    for (Placed p : placed) {
      String state = p.skipped != null
          ? "skipped: " + p.skipped
          : String.valueOf(wechatPay.orders().queryByOutTradeNo(p.outTradeNo).body().getTradeState());
      out.printf("      %-18s %-32s %s%n", p.kind, p.skipped != null ? "-" : p.outTradeNo, state);
    }
    String refundState = String.valueOf(wechatPay.refunds().queryByOutRefundNo(refund.getOutRefundNo()).body().getStatus());
    out.printf("      %-18s %-32s %s%n", "Refund (Native)", refund.getOutRefundNo(), refundState);
    out.println();
    out.println("OK");
  }

  /** Prepay steps that a real merchant account may not be set up for: a 4xx answer skips them there. */
  private interface Prepay {
    Runnable run();
  }

  private void optional(String kind, String outTradeNo, Prepay prepay) {
    try {
      placed.add(new Placed(kind, outTradeNo, null, prepay.run()));
    } catch (WechatPayApiException e) {
      if (simulator || e.httpStatus() >= 500) {
        throw e;
      }
      // A real account has the products it signed up for, each with its own appid (公众号, 小程序, APP).
      skip(kind, outTradeNo, "WeChat Pay refused it: " + e.code() + " " + e.errorMessage()
          + " (is " + kind + " payment enabled for this appid?)");
    }
  }

  private void skip(String kind, String outTradeNo, String reason) {
    out.println("      skipped: " + reason);
    placed.add(new Placed(kind, outTradeNo, reason, null));
  }

  private void printOrder(String outTradeNo, @Nullable String requestId) {
    field("out_trade_no", outTradeNo + "  (" + Text.yuan(1) + ")");
    field("Request-ID", requestId);
  }

  private static void expect(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }
}
