package io.wxpay4j;

import io.wxpay4j.api.OrdersApi;
import io.wxpay4j.model.CloseOrderRequest;
import io.wxpay4j.model.H5PrepayResponse;
import io.wxpay4j.model.NativePrepayResponse;
import io.wxpay4j.model.PrepayRequest;
import io.wxpay4j.model.PrepayResponse;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.pay.JsapiPayParameters;
import io.wxpay4j.pay.PayParametersSigner;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * The order lifecycle of a direct merchant (直连商户): prepay, query and close. Get it from {@link
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
  private final OrdersApi api;
  private final String merchantId;
  private final @Nullable String defaultAppId;
  private final @Nullable String defaultNotifyUrl;
  private final RequestChecks checks;
  private final PayParametersSigner payParameters;
  private final Function<RetryPolicy, OrdersApi> apiWithRetryPolicy;

  Orders(
      OrdersApi api,
      String merchantId,
      @Nullable String defaultAppId,
      @Nullable String defaultNotifyUrl,
      RequestChecks checks,
      PayParametersSigner payParameters,
      Function<RetryPolicy, OrdersApi> apiWithRetryPolicy) {
    this.api = api;
    this.merchantId = merchantId;
    this.defaultAppId = defaultAppId;
    this.defaultNotifyUrl = defaultNotifyUrl;
    this.checks = checks;
    this.payParameters = payParameters;
    this.apiWithRetryPolicy = apiWithRetryPolicy;
  }

  /**
   * A view of these orders whose calls use {@code policy} instead of the client's {@link
   * RetryPolicy}, e.g. {@code orders().withRetryPolicy(RetryPolicy.none()).close(outTradeNo)}.
   * Cheap: it shares the client's connections, keys and host failover.
   */
  public Orders withRetryPolicy(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy == null");
    return new Orders(
        apiWithRetryPolicy.apply(policy),
        merchantId,
        defaultAppId,
        defaultNotifyUrl,
        checks,
        payParameters,
        apiWithRetryPolicy);
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
   */
  public OrderOutcome<Transaction> reconcile(String outTradeNo) {
    RequestChecks.outTradeNo(outTradeNo);
    try {
      return OrderOutcome.of(outTradeNo, queryByOutTradeNo(outTradeNo));
    } catch (WechatPayException e) {
      return OrderOutcome.failed(outTradeNo, e);
    }
  }

  /** JSAPI prepay (JSAPI下单) for an Official Account page; {@code payer.openid} is required. */
  public WechatPayResponse<PrepayResponse> prepayJsapi(Consumer<PrepayRequest.Builder> order) {
    return Calls.execute(jsapiCall(order), "prepayJsapi");
  }

  /** Asynchronous {@link #prepayJsapi}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayJsapiAsync(
      Consumer<PrepayRequest.Builder> order) {
    return Calls.enqueue(jsapiCall(order), "prepayJsapi");
  }

  /**
   * Mini-program prepay (小程序下单): the JSAPI endpoint with the mini-program's {@code appid} (set it
   * here if the client's default {@code appid} is another app's); {@code payer.openid} is required.
   */
  public WechatPayResponse<PrepayResponse> prepayMiniProgram(
      Consumer<PrepayRequest.Builder> order) {
    return Calls.execute(jsapiCall(order), "prepayMiniProgram");
  }

  /** Asynchronous {@link #prepayMiniProgram}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayMiniProgramAsync(
      Consumer<PrepayRequest.Builder> order) {
    return Calls.enqueue(jsapiCall(order), "prepayMiniProgram");
  }

  /** APP prepay (APP下单); no {@code payer}. */
  public WechatPayResponse<PrepayResponse> prepayApp(Consumer<PrepayRequest.Builder> order) {
    return Calls.execute(api.prepayApp(request(order, Kind.APP)), "prepayApp");
  }

  /** Asynchronous {@link #prepayApp}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayAppAsync(
      Consumer<PrepayRequest.Builder> order) {
    return Calls.enqueue(api.prepayApp(request(order, Kind.APP)), "prepayApp");
  }

  /**
   * H5 prepay (H5下单) for a mobile browser outside WeChat; {@code scene_info} with {@code
   * payer_client_ip} (the payer's real IP) and {@code h5_info} is required. The {@code h5_url}
   * answered lives 5 minutes.
   */
  public WechatPayResponse<H5PrepayResponse> prepayH5(Consumer<PrepayRequest.Builder> order) {
    return Calls.execute(api.prepayH5(request(order, Kind.H5)), "prepayH5");
  }

  /** Asynchronous {@link #prepayH5}. */
  public CompletableFuture<WechatPayResponse<H5PrepayResponse>> prepayH5Async(
      Consumer<PrepayRequest.Builder> order) {
    return Calls.enqueue(api.prepayH5(request(order, Kind.H5)), "prepayH5");
  }

  /**
   * Native prepay (Native下单); no {@code payer}. Show the answered {@code code_url} as a QR code.
   */
  public WechatPayResponse<NativePrepayResponse> prepayNative(
      Consumer<PrepayRequest.Builder> order) {
    return Calls.execute(api.prepayNative(request(order, Kind.NATIVE)), "prepayNative");
  }

  /** Asynchronous {@link #prepayNative}. */
  public CompletableFuture<WechatPayResponse<NativePrepayResponse>> prepayNativeAsync(
      Consumer<PrepayRequest.Builder> order) {
    return Calls.enqueue(api.prepayNative(request(order, Kind.NATIVE)), "prepayNative");
  }

  /**
   * JSAPI prepay, then the signed parameters for {@code
   * WeixinJSBridge.invoke('getBrandWCPayRequest', …)} ({@code appId}, {@code timeStamp}, {@code
   * nonceStr}, {@code package}, {@code signType}, {@code paySign}), signed with the request's
   * {@code appid}. {@link JsapiPayParameters#toJson()} gives the JSON the page needs.
   */
  public WechatPayResponse<JsapiPayParameters> prepayJsapiWithPayParameters(
      Consumer<PrepayRequest.Builder> order) {
    PrepayRequest request = request(order, Kind.JSAPI);
    WechatPayResponse<PrepayResponse> created =
        Calls.execute(api.prepayJsapi(request), "prepayJsapiWithPayParameters");
    return created.map(body -> payParameters.jsapi(request.getAppid(), body.getPrepayId()));
  }

  /** Asynchronous {@link #prepayJsapiWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<JsapiPayParameters>> prepayJsapiWithPayParametersAsync(
      Consumer<PrepayRequest.Builder> order) {
    PrepayRequest request = request(order, Kind.JSAPI);
    return Calls.enqueue(api.prepayJsapi(request), "prepayJsapiWithPayParameters")
        .thenApply(r -> r.map(body -> payParameters.jsapi(request.getAppid(), body.getPrepayId())));
  }

  /**
   * Mini-program prepay, then the signed parameters for {@code wx.requestPayment} ({@link
   * JsapiPayParameters#toMiniProgramJson()}), signed with the request's {@code appid}.
   */
  public WechatPayResponse<JsapiPayParameters> prepayMiniProgramWithPayParameters(
      Consumer<PrepayRequest.Builder> order) {
    PrepayRequest request = request(order, Kind.JSAPI);
    WechatPayResponse<PrepayResponse> created =
        Calls.execute(api.prepayJsapi(request), "prepayMiniProgramWithPayParameters");
    return created.map(body -> payParameters.miniProgram(request.getAppid(), body.getPrepayId()));
  }

  /** Asynchronous {@link #prepayMiniProgramWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<JsapiPayParameters>>
      prepayMiniProgramWithPayParametersAsync(Consumer<PrepayRequest.Builder> order) {
    PrepayRequest request = request(order, Kind.JSAPI);
    return Calls.enqueue(api.prepayJsapi(request), "prepayMiniProgramWithPayParameters")
        .thenApply(
            r -> r.map(body -> payParameters.miniProgram(request.getAppid(), body.getPrepayId())));
  }

  /**
   * APP prepay, then the signed parameters of the OpenSDK's {@code PayReq} ({@code appid}, {@code
   * partnerid}, {@code prepayid}, {@code package=Sign=WXPay}, {@code noncestr}, {@code timestamp},
   * {@code sign}).
   */
  public WechatPayResponse<AppPayParameters> prepayAppWithPayParameters(
      Consumer<PrepayRequest.Builder> order) {
    PrepayRequest request = request(order, Kind.APP);
    WechatPayResponse<PrepayResponse> created =
        Calls.execute(api.prepayApp(request), "prepayAppWithPayParameters");
    return created.map(
        body -> payParameters.app(request.getAppid(), merchantId, body.getPrepayId()));
  }

  /** Asynchronous {@link #prepayAppWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<AppPayParameters>> prepayAppWithPayParametersAsync(
      Consumer<PrepayRequest.Builder> order) {
    PrepayRequest request = request(order, Kind.APP);
    return Calls.enqueue(api.prepayApp(request), "prepayAppWithPayParameters")
        .thenApply(
            r ->
                r.map(
                    body -> payParameters.app(request.getAppid(), merchantId, body.getPrepayId())));
  }

  /** Queries an order by the merchant's order number (商户订单号), paid or not. */
  public WechatPayResponse<Transaction> queryByOutTradeNo(String outTradeNo) {
    return Calls.execute(queryByOutTradeNoCall(outTradeNo), "queryByOutTradeNo");
  }

  /** Asynchronous {@link #queryByOutTradeNo}. */
  public CompletableFuture<WechatPayResponse<Transaction>> queryByOutTradeNoAsync(
      String outTradeNo) {
    return Calls.enqueue(queryByOutTradeNoCall(outTradeNo), "queryByOutTradeNo");
  }

  /**
   * Queries a paid order by WeChat Pay's order number (微信支付订单号, {@code transaction_id}); unpaid
   * orders have none and answer {@code 404 ORDER_NOT_EXIST}: query them by {@code out_trade_no}.
   */
  public WechatPayResponse<Transaction> queryById(String transactionId) {
    return Calls.execute(queryByIdCall(transactionId), "queryById");
  }

  /** Asynchronous {@link #queryById}. */
  public CompletableFuture<WechatPayResponse<Transaction>> queryByIdAsync(String transactionId) {
    return Calls.enqueue(queryByIdCall(transactionId), "queryById");
  }

  /** Closes an unpaid order (关闭订单); WeChat Pay answers 204 and the order can no longer be paid. */
  public WechatPayResponse<Void> close(String outTradeNo) {
    return Calls.execute(closeCall(outTradeNo), "close");
  }

  /** Asynchronous {@link #close}. */
  public CompletableFuture<WechatPayResponse<Void>> closeAsync(String outTradeNo) {
    return Calls.enqueue(closeCall(outTradeNo), "close");
  }

  private Call<PrepayResponse> jsapiCall(Consumer<PrepayRequest.Builder> order) {
    return api.prepayJsapi(request(order, Kind.JSAPI));
  }

  private Call<Transaction> queryByOutTradeNoCall(String outTradeNo) {
    return api.queryOrderByOutTradeNo(RequestChecks.outTradeNo(outTradeNo), merchantId);
  }

  private Call<Transaction> queryByIdCall(String transactionId) {
    return api.queryOrderById(RequestChecks.transactionId(transactionId), merchantId);
  }

  private Call<Void> closeCall(String outTradeNo) {
    return api.closeOrder(
        RequestChecks.outTradeNo(outTradeNo),
        CloseOrderRequest.builder().mchid(merchantId).build());
  }

  /** The kinds of prepay, by what they require of {@code payer} and {@code scene_info}. */
  enum Kind {
    JSAPI,
    APP,
    H5,
    NATIVE
  }

  /** Builds and checks the request: defaults, then the caller's settings, then the rules. */
  PrepayRequest request(Consumer<PrepayRequest.Builder> order, Kind kind) {
    Objects.requireNonNull(order, "order == null");
    PrepayRequest.Builder builder =
        PrepayRequest.builder().mchid(merchantId).appid(defaultAppId).notifyUrl(defaultNotifyUrl);
    order.accept(builder);
    PrepayRequest request = builder.build();
    if (!merchantId.equals(request.getMchid())) {
      throw new IllegalArgumentException(
          "mchid is filled in by the client ("
              + merchantId
              + "); do not set it, or use that merchant's client");
    }
    if (kind == Kind.JSAPI && request.getPayer() == null) {
      throw new IllegalArgumentException(
          "payer.openid is required for JSAPI and mini-program prepay");
    }
    RequestChecks.payerAbsent(kind, request.getPayer());
    checks.prepay(
        kind,
        request.getSceneInfo(),
        request.getNotifyUrl(),
        request.getAmount(),
        request,
        PrepayRequest.class);
    return request;
  }
}
