package io.wxpay4j.examples;

import io.wxpay4j.WechatPayApiException;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.WechatPayResponse;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.AppWithContractPrepayRequest;
import io.wxpay4j.model.Contract;
import io.wxpay4j.model.ContractInfo;
import io.wxpay4j.model.ContractNotification;
import io.wxpay4j.model.ContractState;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The 支付中签约 walk-through (pay and sign a deduction contract, beta) that {@link ContractLifecycle} and
 * {@link OrderLifecycle} share: an APP order with a contract, the payer pays and signs, the payment and
 * {@code ENTRUST.SIGN} notices, the contract queried and terminated ({@code ENTRUST.TERMINATE}).
 */
final class PayAndSign {
  /** How the calling program prints: a labelled field, or a line. */
  interface Output {
    void field(String name, @Nullable Object value);

    void line(String text);
  }

  /** What the run left, for summaries. */
  static final class Result {
    final String outTradeNo;
    final @Nullable String contractId;
    final @Nullable String contractState;

    Result(String outTradeNo, @Nullable String contractId, @Nullable String contractState) {
      this.outTradeNo = outTradeNo;
      this.contractId = contractId;
      this.contractState = contractState;
    }
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss");

  private PayAndSign() {}

  /**
   * The template: {@code --plan-id}, or the simulator's default one; null against WeChat Pay without
   * {@code --plan-id}.
   */
  static @Nullable Long planId(Setup setup) {
    String value = setup.options().get("plan-id");
    if (value == null) {
      return setup.onSimulator() ? WechatPaySimulator.DEFAULT_PLAN_ID : null;
    }
    if (!value.matches("[1-9][0-9]{0,17}")) {
      throw new Options.UsageException("--plan-id must be the numeric template id (委托代扣协议模板ID), was " + value);
    }
    return Long.parseLong(value);
  }

  /** A fresh merchant contract number: letters and digits only, e.g. {@code C2611271230154821}. */
  static String contractCode() {
    return "C" + LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(TIME)
        + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
  }

  /** A request serial: 12 digits without a leading zero, increasing with time. */
  static String requestSerial() {
    return Long.toString(100_000_000_000L + System.currentTimeMillis() % 100_000_000_000L);
  }

  // region pay-and-sign
  static Consumer<AppWithContractPrepayRequest.Builder> order(
      WechatPayClient wechatPay, String appId, String outTradeNo, long planId, String contractCode,
      @Nullable String contractNotifyUrl) {
    return order -> order
        .description("wxpay4j 会员月卡 (支付中签约)")
        .outTradeNo(outTradeNo)
        .amount(Amount.builder().total(1).build())
        .contractInfo(ContractInfo.builder()
            .planId(Long.toString(planId))          // the template (委托代扣协议模板) of 商户平台
            .contractMchid(wechatPay.merchantId())  // the v2 rule: the order's mchid and appid
            .contractAppid(appId)
            .contractCode(contractCode)             // yours, letters and digits, never re-used
            .requestSerial(requestSerial())         // digits, increasing
            .contractDisplayAccount("wxpay4j 会员")  // shown to the payer; no emoji
            .contractNotifyUrl(contractNotifyUrl)   // optional: ENTRUST.SIGN goes here
            .build());
  }
  // endregion

  /**
   * On a simulator with a payer and local endpoints: the whole walk-through.
   *
   * @throws IllegalStateException when a step does not turn out as WeChat Pay documents it
   */
  static Result onSimulator(Setup setup, WechatPayClient wechatPay, SimulatedPayer payer, NotifyEndpoint payments,
      ContractNotifyEndpoint contracts, long planId, Output out) throws InterruptedException {
    // The template's terminate URL (解约回调地址) is set in 商户平台; the simulator's control API stands in for it.
    configurePlan(setup, planId, contracts.url());
    out.field("plan_id", planId + "  (terminate URL " + contracts.url() + ")");
    String outTradeNo = OrderNumbers.next("contract");
    String code = contractCode();
    payments.ordered(outTradeNo, 1); // the shop's record, checked against the payment notice
    WechatPayResponse<AppPayParameters> created = wechatPay.orders().prepayAppWithContractWithPayParameters(
        order(wechatPay, setup.merchant().appId(), outTradeNo, planId, code, contracts.url()));
    out.field("out_trade_no", outTradeNo + "  (" + Text.yuan(1) + ")");
    out.field("contract_code", code);
    out.field("Request-ID", created.requestId());
    out.line("the app pays as for a plain APP order, with this PayReq:");
    out.line(Text.indent(Text.prettyJson(created.body().toJson()), "  "));

    payer.pay("prepay_id", created.body().prepayId());
    out.line("the simulated payer paid " + Text.yuan(1) + " and signed the contract");

    Transaction paid = payment(payments, outTradeNo);
    out.field("payment notice", "TRANSACTION.SUCCESS verified and decrypted, answered 204: " + paid.getTradeState());
    expect(paid.getTradeState() == TradeState.SUCCESS, "the payment notice says " + paid.getTradeState());

    ContractNotifyEndpoint.Arrival signed = notice(contracts);
    ContractNotification notice = signed.notice;
    expect(notice != null, "the contract notice was a v2 hint, not the v3 ENTRUST.SIGN");
    out.line(signed.eventType + " notice at " + contracts.url() + ": signature verified, resource decrypted,"
        + " contract queried, answered 204");
    out.field("contract_id", notice.getContractId());
    out.field("plan_id", notice.getPlanId());
    out.field("contract_code", notice.getOutContractCode() + "  (out_contract_code)");
    out.field("contract_state", notice.getContractState());
    out.field("display account", notice.getContractDisplayAccount());
    out.field("payer openid", Text.maskOpenid(notice.getOpenid()));
    out.field("signed", notice.getContractSignedTime());
    out.field("expires", notice.getContractExpiredTime());
    expect("ENTRUST.SIGN".equals(signed.eventType), "the contract notice is " + signed.eventType);
    expect(code.equals(notice.getOutContractCode()), "the notice is about contract " + notice.getOutContractCode());

    WechatPayResponse<Contract> queried = wechatPay.contracts().query(planId, code);
    Contract contract = queried.body();
    out.line("contracts().query(" + planId + ", \"" + code + "\")  (the authority; notices are hints)");
    out.field("contract_id", contract.getContractId());
    out.field("contract_state", contract.getContractState());
    out.field("Request-ID", queried.requestId());
    expect(contract.getContractState() == ContractState.SIGNED, "the contract is " + contract.getContractState());
    expect(notice.getContractId().equals(contract.getContractId()), "the notice and the query disagree on contract_id");

    Contract terminated = wechatPay.contracts().terminate(planId, code, "wxpay4j example: 用户取消订阅").body();
    out.line("contracts().terminate(" + planId + ", \"" + code + "\", remark)");
    out.field("contract_state", terminated.getContractState() + "  ("
        + (terminated.getContractTerminateInfo() == null ? "?"
            : terminated.getContractTerminateInfo().getContractTerminationMode()) + ")");
    ContractNotifyEndpoint.Arrival ended = notice(contracts);
    out.field("terminate notice", ended.eventType + " verified, contract queried: "
        + ended.contract.getContractState());
    expect(terminated.getContractState() == ContractState.TERMINATED, "terminate answered "
        + terminated.getContractState());
    expect("ENTRUST.TERMINATE".equals(ended.eventType), "the terminate notice is " + ended.eventType);
    return new Result(outTradeNo, contract.getContractId(), String.valueOf(ContractState.TERMINATED));
  }

  /**
   * Without a simulated payer (a real account, or {@code --manual-pay}): the order is placed and its PayReq shown;
   * the payer signs in the app, after paying. The contract is queried once: {@code 404} until then.
   */
  static Result prepayOnly(Setup setup, WechatPayClient wechatPay, long planId, @Nullable String contractNotifyUrl,
      Output out) {
    String outTradeNo = OrderNumbers.next("contract");
    String code = contractCode();
    WechatPayResponse<AppPayParameters> created = wechatPay.orders().prepayAppWithContractWithPayParameters(
        order(wechatPay, setup.merchant().appId(), outTradeNo, planId, code, contractNotifyUrl));
    out.field("plan_id", planId);
    out.field("out_trade_no", outTradeNo + "  (" + Text.yuan(1) + ")");
    out.field("contract_code", code);
    out.field("Request-ID", created.requestId());
    out.line("the app pays with this PayReq, then WeChat asks the payer to sign:");
    out.line(Text.indent(Text.prettyJson(created.body().toJson()), "  "));
    if (contractNotifyUrl == null) {
      out.line("no contract_notify_url: confirm the signing with contracts().query(" + planId + ", \"" + code
          + "\")");
    }
    try {
      Contract contract = wechatPay.contracts().query(planId, code).body();
      out.field("contract_state", contract.getContractState());
      return new Result(outTradeNo, contract.getContractId(), String.valueOf(contract.getContractState()));
    } catch (WechatPayApiException e) {
      out.field("contract", "not signed yet: HTTP " + e.httpStatus() + " " + e.code());
      return new Result(outTradeNo, null, null);
    }
  }

  /** The next payment notice about {@code outTradeNo} (others, e.g. duplicates, are skipped). */
  private static Transaction payment(NotifyEndpoint payments, String outTradeNo) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      NotifyEndpoint.Arrival arrival = payments.await(Duration.ofSeconds(30));
      if (arrival == null) {
        break;
      }
      if (arrival.paid == null) {
        throw new IllegalStateException("the payment notification was refused: " + arrival.refusal());
      }
      if (outTradeNo.equals(arrival.paid.getOutTradeNo())) {
        return arrival.paid;
      }
    }
    throw new IllegalStateException("no payment notification for " + outTradeNo + " within 30 s");
  }

  private static ContractNotifyEndpoint.Arrival notice(ContractNotifyEndpoint contracts) throws InterruptedException {
    ContractNotifyEndpoint.Arrival arrival = contracts.await(Duration.ofSeconds(30));
    if (arrival == null) {
      throw new IllegalStateException("no contract notice reached " + contracts.url() + " within 30 s");
    }
    if (arrival.rejection != null) {
      throw new IllegalStateException("the contract notice was rejected: " + arrival.rejection);
    }
    return arrival;
  }

  /** Sets the template's terminate URL: on the embedded simulator directly, else through its control API. */
  private static void configurePlan(Setup setup, long planId, String terminateUrl) {
    Optional<WechatPaySimulator> embedded = setup.embeddedSimulator();
    if (embedded.isPresent()) {
      embedded.get().configurePlan(planId, "wxpay4j example", terminateUrl);
      return;
    }
    String json = "{\"plan_id\":" + planId + ",\"plan_name\":\"wxpay4j example\",\"terminate_notify_url\":\""
        + terminateUrl + "\"}";
    Request request = new Request.Builder()
        .url(setup.merchant().baseUrl() + "simulator/plans")
        .post(RequestBody.create(json, MediaType.get("application/json")))
        .build();
    OkHttpClient http = new OkHttpClient();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IllegalStateException("the simulator refused the template: HTTP " + response.code() + " "
            + response.body().string());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the simulator's control API did not answer", e);
    } finally {
      http.connectionPool().evictAll();
      http.dispatcher().executorService().shutdown();
    }
  }

  private static void expect(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }
}
