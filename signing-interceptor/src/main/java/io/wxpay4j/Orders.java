package io.wxpay4j;

import io.wxpay4j.api.OrdersApi;
import io.wxpay4j.model.AppWithContractPrepayRequest;
import io.wxpay4j.model.CloseOrderRequest;
import io.wxpay4j.model.H5PrepayResponse;
import io.wxpay4j.model.JsapiWithContractPrepayRequest;
import io.wxpay4j.model.NativePrepayResponse;
import io.wxpay4j.model.PrepayRequest;
import io.wxpay4j.model.PrepayResponse;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.pay.JsapiPayParameters;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import retrofit2.Call;

/**
 * The order lifecycle of a direct merchant (直连商户): prepay, query and close, and (beta) prepays that
 * also sign a deduction contract (支付中签约, {@link #prepayAppWithContract}). Get it from {@link
 * WechatPayClient#orders()}.
 *
 * <pre>{@code
 * WechatPayResponse<PrepayResponse> created = wechatPay.orders().prepayJsapi(order -> order
 *     .description("Image形象店-深圳腾大-QQ公仔")
 *     .outTradeNo("1217752501201407033233368018")
 *     .amount(Amount.builder().total(100).build())
 *     .payer(Payer.builder().openid(openid).build()));
 * }</pre>
 *
 * <p>Prepay methods take the order as a callback on a {@link PrepayRequest.Builder} that the client
 * has already filled with {@code mchid} and its defaults ({@code appid}, {@code notify_url}); set
 * anything else, or override a default. The request is checked before anything is sent (required
 * fields, lengths, {@code out_trade_no} characters, a positive amount, CNY, an https {@code
 * notify_url}, no 4-byte UTF-8 characters) and refused with an {@link IllegalArgumentException}
 * naming the field.
 *
 * <p>Every operation has a blocking form that throws {@link WechatPayException} subtypes and an
 * {@code …Async} form whose future fails with them. Every prepay is safe to repeat with the same
 * parameters: WeChat Pay returns the live order for a re-entered {@code out_trade_no}. Thread-safe.
 */
public final class Orders {
  // The operations, each declared once; the methods below are their blocking and async forms.

  private static final Operation<Consumer<PrepayRequest.Builder>, PrepayResponse> PREPAY_JSAPI =
      prepay(
          "prepayJsapi",
          Kind.JSAPI,
          OrdersApi::prepayJsapi,
          (context, request, created) -> created);
  private static final Operation<Consumer<PrepayRequest.Builder>, PrepayResponse>
      PREPAY_MINI_PROGRAM =
          prepay(
              "prepayMiniProgram",
              Kind.JSAPI,
              OrdersApi::prepayJsapi,
              (context, request, created) -> created);
  private static final Operation<Consumer<PrepayRequest.Builder>, PrepayResponse> PREPAY_APP =
      prepay("prepayApp", Kind.APP, OrdersApi::prepayApp, (context, request, created) -> created);
  private static final Operation<Consumer<PrepayRequest.Builder>, H5PrepayResponse> PREPAY_H5 =
      prepay("prepayH5", Kind.H5, OrdersApi::prepayH5, (context, request, created) -> created);
  private static final Operation<Consumer<PrepayRequest.Builder>, NativePrepayResponse>
      PREPAY_NATIVE =
          prepay(
              "prepayNative",
              Kind.NATIVE,
              OrdersApi::prepayNative,
              (context, request, created) -> created);
  private static final Operation<Consumer<PrepayRequest.Builder>, JsapiPayParameters>
      PREPAY_JSAPI_PAY =
          prepay(
              "prepayJsapiWithPayParameters",
              Kind.JSAPI,
              OrdersApi::prepayJsapi,
              (context, request, created) ->
                  context.payParameters.jsapi(request.getAppid(), created.getPrepayId()));
  private static final Operation<Consumer<PrepayRequest.Builder>, JsapiPayParameters>
      PREPAY_MINI_PROGRAM_PAY =
          prepay(
              "prepayMiniProgramWithPayParameters",
              Kind.JSAPI,
              OrdersApi::prepayJsapi,
              (context, request, created) ->
                  context.payParameters.miniProgram(request.getAppid(), created.getPrepayId()));
  private static final Operation<Consumer<PrepayRequest.Builder>, AppPayParameters> PREPAY_APP_PAY =
      prepay(
          "prepayAppWithPayParameters",
          Kind.APP,
          OrdersApi::prepayApp,
          (context, request, created) ->
              context.payParameters.app(
                  request.getAppid(), context.merchantId, created.getPrepayId()));
  private static final Operation<String, Transaction> QUERY_BY_OUT_TRADE_NO =
      Operation.of(
          "queryByOutTradeNo",
          OrdersApi.class,
          (context, outTradeNo) -> RequestChecks.outTradeNo(outTradeNo),
          (api, context, outTradeNo) -> api.queryOrderByOutTradeNo(outTradeNo, context.merchantId),
          (context, outTradeNo, order) ->
              Calls.about(
                  Calls.about(order, "mchid", order.getMchid(), context.merchantId),
                  "out_trade_no",
                  order.getOutTradeNo(),
                  outTradeNo));
  private static final Operation<String, Transaction> QUERY_BY_ID =
      Operation.of(
          "queryById",
          OrdersApi.class,
          (context, transactionId) -> RequestChecks.transactionId(transactionId),
          (api, context, transactionId) -> api.queryOrderById(transactionId, context.merchantId),
          (context, transactionId, order) ->
              Calls.about(
                  Calls.about(order, "mchid", order.getMchid(), context.merchantId),
                  "transaction_id",
                  order.getTransactionId(),
                  transactionId));
  private static final Operation<String, Void> CLOSE =
      Operation.of(
          "close",
          OrdersApi.class,
          (context, outTradeNo) -> RequestChecks.outTradeNo(outTradeNo),
          (api, context, outTradeNo) ->
              api.closeOrder(
                  outTradeNo, CloseOrderRequest.builder().mchid(context.merchantId).build()));

  /**
   * A prepay of {@code kind}: the request built by {@link #prepay(ClientContext, Consumer, Kind)}.
   */
  private static <W, R> Operation<Consumer<PrepayRequest.Builder>, R> prepay(
      String name,
      Kind kind,
      BiFunction<OrdersApi, PrepayRequest, Call<W>> call,
      Operation.Result<PrepayRequest, W, R> result) {
    return Operation.of(
        name,
        OrdersApi.class,
        (context, order) -> prepay(context, order, kind),
        (api, context, request) -> call.apply(api, request),
        result);
  }

  private final Pipeline pipeline;

  Orders(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * A view of these orders whose calls use {@code policy} instead of the client's {@link
   * RetryPolicy}, e.g. {@code orders().withRetryPolicy(RetryPolicy.none()).close(outTradeNo)}.
   * Cheap: it shares the client's connections, keys, host failover and generated interfaces.
   */
  public Orders withRetryPolicy(RetryPolicy policy) {
    return new Orders(pipeline.withRetryPolicy(policy));
  }

  /**
   * Finds out what became of an order after a prepay or close ended without a trustworthy answer (a
   * {@link WechatPayException} whose {@link WechatPayException#mayHaveTakenEffect()
   * mayHaveTakenEffect()} is true): queries {@code out_trade_no} and says whether the order is
   * {@linkplain OrderOutcome.Status#CREATED created} (unpaid), {@linkplain OrderOutcome.Status#PAID
   * paid}, {@linkplain OrderOutcome.Status#CLOSED closed}, {@linkplain
   * OrderOutcome.Status#NOT_FOUND not found}, or still {@linkplain OrderOutcome.Status#UNKNOWN
   * unknown} because the query failed too.
   *
   * <pre>{@code
   * try {
   *   prepayId = wechatPay.orders().prepayJsapi(order).body().getPrepayId();
   * } catch (WechatPayException e) {
   *   if (!e.mayHaveTakenEffect()) throw e;
   *   OrderOutcome<Transaction> outcome = wechatPay.orders().reconcile(outTradeNo);
   *   // CREATED: prepay again with the same parameters to get the prepay_id (WeChat Pay re-enters it);
   *   // NOT_FOUND: the prepay took no effect, send it again; UNKNOWN: try again later.
   * }
   * }</pre>
   *
   * <p>Never throws a {@link WechatPayException}: a failed query is an {@code UNKNOWN} outcome
   * carrying the failure. The query is retried as the client's retry policy says.
   *
   * @throws IllegalArgumentException if {@code outTradeNo} is not a valid merchant order number
   */
  public OrderOutcome<Transaction> reconcile(String outTradeNo) {
    RequestChecks.outTradeNo(outTradeNo);
    return pipeline.reconcile(
        QUERY_BY_OUT_TRADE_NO,
        outTradeNo,
        outTradeNo,
        Transaction::getOutTradeNo,
        Transaction::getTradeState);
  }

  /** JSAPI prepay (JSAPI下单) for an Official Account page; {@code payer.openid} is required. */
  public WechatPayResponse<PrepayResponse> prepayJsapi(Consumer<PrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_JSAPI, order);
  }

  /** Asynchronous {@link #prepayJsapi}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayJsapiAsync(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_JSAPI, order);
  }

  /**
   * Mini-program prepay (小程序下单): the JSAPI endpoint with the mini-program's {@code appid} (set it
   * here if the client's default {@code appid} is another app's); {@code payer.openid} is required.
   */
  public WechatPayResponse<PrepayResponse> prepayMiniProgram(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_MINI_PROGRAM, order);
  }

  /** Asynchronous {@link #prepayMiniProgram}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayMiniProgramAsync(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_MINI_PROGRAM, order);
  }

  /** APP prepay (APP下单); no {@code payer}. */
  public WechatPayResponse<PrepayResponse> prepayApp(Consumer<PrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_APP, order);
  }

  /** Asynchronous {@link #prepayApp}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayAppAsync(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_APP, order);
  }

  /**
   * H5 prepay (H5下单) for a mobile browser outside WeChat; {@code scene_info} with {@code
   * payer_client_ip} (the payer's real IP) and {@code h5_info} is required. The {@code h5_url}
   * answered lives 5 minutes.
   */
  public WechatPayResponse<H5PrepayResponse> prepayH5(Consumer<PrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_H5, order);
  }

  /** Asynchronous {@link #prepayH5}. */
  public CompletableFuture<WechatPayResponse<H5PrepayResponse>> prepayH5Async(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_H5, order);
  }

  /**
   * Native prepay (Native下单); no {@code payer}. Show the answered {@code code_url} as a QR code.
   */
  public WechatPayResponse<NativePrepayResponse> prepayNative(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_NATIVE, order);
  }

  /** Asynchronous {@link #prepayNative}. */
  public CompletableFuture<WechatPayResponse<NativePrepayResponse>> prepayNativeAsync(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_NATIVE, order);
  }

  /**
   * JSAPI prepay, then the signed parameters for {@code
   * WeixinJSBridge.invoke('getBrandWCPayRequest', …)} ({@code appId}, {@code timeStamp}, {@code
   * nonceStr}, {@code package}, {@code signType}, {@code paySign}), signed with the request's
   * {@code appid}. {@link JsapiPayParameters#toJson()} gives the JSON the page needs.
   */
  public WechatPayResponse<JsapiPayParameters> prepayJsapiWithPayParameters(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_JSAPI_PAY, order);
  }

  /** Asynchronous {@link #prepayJsapiWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<JsapiPayParameters>> prepayJsapiWithPayParametersAsync(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_JSAPI_PAY, order);
  }

  /**
   * Mini-program prepay, then the signed parameters for {@code wx.requestPayment} ({@link
   * JsapiPayParameters#toMiniProgramJson()}), signed with the request's {@code appid}.
   */
  public WechatPayResponse<JsapiPayParameters> prepayMiniProgramWithPayParameters(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_MINI_PROGRAM_PAY, order);
  }

  /** Asynchronous {@link #prepayMiniProgramWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<JsapiPayParameters>>
      prepayMiniProgramWithPayParametersAsync(Consumer<PrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_MINI_PROGRAM_PAY, order);
  }

  /**
   * APP prepay, then the signed parameters of the OpenSDK's {@code PayReq} ({@code appid}, {@code
   * partnerid}, {@code prepayid}, {@code package=Sign=WXPay}, {@code noncestr}, {@code timestamp},
   * {@code sign}).
   */
  public WechatPayResponse<AppPayParameters> prepayAppWithPayParameters(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_APP_PAY, order);
  }

  /** Asynchronous {@link #prepayAppWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<AppPayParameters>> prepayAppWithPayParametersAsync(
      Consumer<PrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_APP_PAY, order);
  }

  /**
   * <b>Beta.</b> APP prepay and sign a deduction contract (APP下单并签约, 支付中签约): {@link #prepayApp}
   * plus the required {@code contract_info}; after paying, the payer is asked to sign the contract
   * of template {@code plan_id}. Set {@code contract_mchid} and {@code contract_appid} to this
   * client's {@code mchid} and {@code appid}. The payment is notified to {@code notify_url} as
   * usual; a signing, only if the payer signs, to {@code contract_notify_url}. Treat that notice as
   * a hint and confirm with {@link Contracts#query}. The field set comes from one transcription of
   * the official page.
   *
   * <pre>{@code
   * wechatPay.orders().prepayAppWithContract(order -> order
   *     .description("会员月卡")
   *     .outTradeNo(outTradeNo)
   *     .amount(Amount.builder().total(1500).build())
   *     .contractInfo(ContractInfo.builder()
   *         .planId("12535").contractMchid(mchid).contractAppid(appid)
   *         .contractCode("C" + outTradeNo).requestSerial("1695").contractDisplayAccount("会员")
   *         .contractNotifyUrl("https://example.com/wechatpay/contract").build()));
   * }</pre>
   */
  public WechatPayResponse<PrepayResponse> prepayAppWithContract(
      Consumer<AppWithContractPrepayRequest.Builder> order) {
    return pipeline.execute(ContractPrepays.APP, order);
  }

  /** Asynchronous {@link #prepayAppWithContract}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayAppWithContractAsync(
      Consumer<AppWithContractPrepayRequest.Builder> order) {
    return pipeline.enqueue(ContractPrepays.APP, order);
  }

  /**
   * <b>Beta.</b> {@link #prepayAppWithContract}, then the signed parameters of the OpenSDK's {@code
   * PayReq}, exactly as {@link #prepayAppWithPayParameters} signs them.
   */
  public WechatPayResponse<AppPayParameters> prepayAppWithContractWithPayParameters(
      Consumer<AppWithContractPrepayRequest.Builder> order) {
    return pipeline.execute(ContractPrepays.APP_PAY, order);
  }

  /** Asynchronous {@link #prepayAppWithContractWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<AppPayParameters>>
      prepayAppWithContractWithPayParametersAsync(
          Consumer<AppWithContractPrepayRequest.Builder> order) {
    return pipeline.enqueue(ContractPrepays.APP_PAY, order);
  }

  /**
   * <b>Beta.</b> JSAPI prepay and sign a deduction contract (JSAPI下单并签约): {@link #prepayJsapi}
   * ({@code payer.openid} required) plus {@code contract_info}, which carries either the signing
   * members of {@link #prepayAppWithContract} or, to pay under an existing authorisation, {@code
   * token} or {@code password_free_contract_id} alone; anything else is refused before sending.
   */
  public WechatPayResponse<PrepayResponse> prepayJsapiWithContract(
      Consumer<JsapiWithContractPrepayRequest.Builder> order) {
    return pipeline.execute(ContractPrepays.JSAPI, order);
  }

  /** Asynchronous {@link #prepayJsapiWithContract}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayJsapiWithContractAsync(
      Consumer<JsapiWithContractPrepayRequest.Builder> order) {
    return pipeline.enqueue(ContractPrepays.JSAPI, order);
  }

  /**
   * <b>Beta.</b> {@link #prepayJsapiWithContract}, then the signed parameters for {@code
   * WeixinJSBridge.invoke('getBrandWCPayRequest', …)}, exactly as {@link
   * #prepayJsapiWithPayParameters} signs them.
   */
  public WechatPayResponse<JsapiPayParameters> prepayJsapiWithContractWithPayParameters(
      Consumer<JsapiWithContractPrepayRequest.Builder> order) {
    return pipeline.execute(ContractPrepays.JSAPI_PAY, order);
  }

  /** Asynchronous {@link #prepayJsapiWithContractWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<JsapiPayParameters>>
      prepayJsapiWithContractWithPayParametersAsync(
          Consumer<JsapiWithContractPrepayRequest.Builder> order) {
    return pipeline.enqueue(ContractPrepays.JSAPI_PAY, order);
  }

  /** Queries an order by the merchant's order number (商户订单号), paid or not. */
  public WechatPayResponse<Transaction> queryByOutTradeNo(String outTradeNo) {
    return pipeline.execute(QUERY_BY_OUT_TRADE_NO, outTradeNo);
  }

  /** Asynchronous {@link #queryByOutTradeNo}. */
  public CompletableFuture<WechatPayResponse<Transaction>> queryByOutTradeNoAsync(
      String outTradeNo) {
    return pipeline.enqueue(QUERY_BY_OUT_TRADE_NO, outTradeNo);
  }

  /**
   * Queries a paid order by WeChat Pay's order number (微信支付订单号, {@code transaction_id}); unpaid
   * orders have none and answer {@code 404 ORDER_NOT_EXIST}: query them by {@code out_trade_no}.
   */
  public WechatPayResponse<Transaction> queryById(String transactionId) {
    return pipeline.execute(QUERY_BY_ID, transactionId);
  }

  /** Asynchronous {@link #queryById}. */
  public CompletableFuture<WechatPayResponse<Transaction>> queryByIdAsync(String transactionId) {
    return pipeline.enqueue(QUERY_BY_ID, transactionId);
  }

  /** Closes an unpaid order (关闭订单); WeChat Pay answers 204 and the order can no longer be paid. */
  public WechatPayResponse<Void> close(String outTradeNo) {
    return pipeline.execute(CLOSE, outTradeNo);
  }

  /** Asynchronous {@link #close}. */
  public CompletableFuture<WechatPayResponse<Void>> closeAsync(String outTradeNo) {
    return pipeline.enqueue(CLOSE, outTradeNo);
  }

  /** The kinds of prepay, by what they require of {@code payer} and {@code scene_info}. */
  enum Kind {
    JSAPI,
    APP,
    H5,
    NATIVE
  }

  /** Builds and checks the request: defaults, then the caller's settings, then the rules. */
  static PrepayRequest prepay(
      ClientContext context, Consumer<PrepayRequest.Builder> order, Kind kind) {
    Objects.requireNonNull(order, "order == null");
    PrepayRequest.Builder builder =
        PrepayRequest.builder()
            .mchid(context.merchantId)
            .appid(context.appId)
            .notifyUrl(context.notifyUrl);
    order.accept(builder);
    PrepayRequest request = builder.build();
    merchant(context, request.getMchid());
    if (kind == Kind.JSAPI && request.getPayer() == null) {
      throw new IllegalArgumentException(
          "payer.openid is required for JSAPI and mini-program prepay");
    }
    RequestChecks.payerAbsent(kind, request.getPayer());
    context.checks.prepay(
        kind, request.getSceneInfo(), request.getNotifyUrl(), request.getAmount());
    return request;
  }

  /** The request's {@code mchid} must be the client's merchant, which the client fills in. */
  static void merchant(ClientContext context, String mchid) {
    if (!context.merchantId.equals(mchid)) {
      throw new IllegalArgumentException(
          "mchid is filled in by the client ("
              + context.merchantId
              + "); do not set it, or use that merchant's client");
    }
  }
}
