package io.wxpay4j;

import io.wxpay4j.api.CombineOrdersApi;
import io.wxpay4j.model.CombineCloseRequest;
import io.wxpay4j.model.CombinePrepayRequest;
import io.wxpay4j.model.CombineSubTransaction;
import io.wxpay4j.model.CombineTransaction;
import io.wxpay4j.model.H5PrepayResponse;
import io.wxpay4j.model.NativePrepayResponse;
import io.wxpay4j.model.PrepayResponse;
import io.wxpay4j.model.TradeState;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.pay.JsapiPayParameters;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * Combine payment (合单支付) of a direct merchant: one payment by one payer for the sub-orders of 2 to
 * 10 merchants bound to the same app, placed by this client's merchant ({@code combine_mchid}). Get
 * it from {@link WechatPayClient#combine()}.
 *
 * <pre>{@code
 * WechatPayResponse<NativePrepayResponse> created = wechatPay.combine().prepayNative(order -> order
 *     .combineOutTradeNo("C20260101000001")
 *     .subOrders(List.of(
 *         CombineSubOrder.builder().mchid("1900000109").outTradeNo("S20260101000001")
 *             .description("饮料").attach("shop-1")
 *             .amount(CombineSubOrderAmount.builder().totalAmount(300L).currency("CNY").build()).build(),
 *         CombineSubOrder.builder().mchid("1900000110").outTradeNo("S20260101000002")
 *             .description("零食").attach("shop-2")
 *             .amount(CombineSubOrderAmount.builder().totalAmount(500L).currency("CNY").build()).build())));
 * }</pre>
 *
 * <p>Prepay methods take the order as a callback on a {@link CombinePrepayRequest.Builder} that the
 * client has already filled with {@code combine_mchid} and its defaults ({@code combine_appid} is
 * the client's default {@code appid}; {@code notify_url}). Before anything is sent, the request is
 * refused with an {@link IllegalArgumentException} naming the field and the fix if: it has fewer
 * than 2 or more than 10 sub-orders; two sub-orders share an {@code out_trade_no}; a sub-order's
 * {@code mchid} is not a merchant ID or it carries the service-provider members {@code sub_mchid} /
 * {@code sub_appid}; a currency is not CNY; {@code combine_mchid} is not the client's merchant;
 * JSAPI lacks {@code combine_payer_info} or H5 / Native carry it; H5 lacks {@code
 * scene_info.h5_info}; the {@code notify_url} is not https; or (from the generated builders) a
 * required field is missing, or a length, a pattern or a positive amount is broken.
 *
 * <p>A combine order has no trade state of its own: its sub-orders are paid or closed together, and
 * {@link #reconcile} derives the state from them. Its sub-orders are refunded one by one with the
 * sub-order's {@code transaction_id}, by the sub-order's merchant ({@link Refunds#create}). One
 * notice ({@code TRANSACTION.SUCCESS}) comes per combine order, typed as {@link
 * io.wxpay4j.notify.CombinePaymentSucceeded} and never as a plain payment. Same errors, async forms
 * and thread-safety as {@link Orders}.
 */
public final class Combine {
  /** A direct merchant's combine order has 2 to 10 sub-orders (普通商户模式只支持2-10笔). */
  static final int MIN_SUB_ORDERS = 2;

  static final int MAX_SUB_ORDERS = 10;

  /** A close: the combine order and exactly its prepay's sub-orders. */
  record Closing(String combineOutTradeNo, Consumer<CombineCloseRequest.Builder> request) {}

  // The operations, each declared once; the methods below are their blocking and async forms.

  private static final Operation<Consumer<CombinePrepayRequest.Builder>, PrepayResponse>
      PREPAY_JSAPI =
          prepay(
              "combinePrepayJsapi",
              Orders.Kind.JSAPI,
              CombineOrdersApi::combinePrepayJsapi,
              (context, request, created) -> created);
  private static final Operation<Consumer<CombinePrepayRequest.Builder>, PrepayResponse>
      PREPAY_APP =
          prepay(
              "combinePrepayApp",
              Orders.Kind.APP,
              CombineOrdersApi::combinePrepayApp,
              (context, request, created) -> created);
  private static final Operation<Consumer<CombinePrepayRequest.Builder>, H5PrepayResponse>
      PREPAY_H5 =
          prepay(
              "combinePrepayH5",
              Orders.Kind.H5,
              CombineOrdersApi::combinePrepayH5,
              (context, request, created) -> created);
  private static final Operation<Consumer<CombinePrepayRequest.Builder>, NativePrepayResponse>
      PREPAY_NATIVE =
          prepay(
              "combinePrepayNative",
              Orders.Kind.NATIVE,
              CombineOrdersApi::combinePrepayNative,
              (context, request, created) -> created);
  private static final Operation<Consumer<CombinePrepayRequest.Builder>, JsapiPayParameters>
      PREPAY_JSAPI_PAY =
          prepay(
              "combinePrepayJsapiWithPayParameters",
              Orders.Kind.JSAPI,
              CombineOrdersApi::combinePrepayJsapi,
              (context, request, created) ->
                  context.payParameters.jsapi(request.getCombineAppid(), created.getPrepayId()));
  private static final Operation<Consumer<CombinePrepayRequest.Builder>, JsapiPayParameters>
      PREPAY_MINI_PROGRAM_PAY =
          prepay(
              "combinePrepayMiniProgramWithPayParameters",
              Orders.Kind.JSAPI,
              CombineOrdersApi::combinePrepayJsapi,
              (context, request, created) ->
                  context.payParameters.miniProgram(
                      request.getCombineAppid(), created.getPrepayId()));
  private static final Operation<Consumer<CombinePrepayRequest.Builder>, AppPayParameters>
      PREPAY_APP_PAY =
          prepay(
              "combinePrepayAppWithPayParameters",
              Orders.Kind.APP,
              CombineOrdersApi::combinePrepayApp,
              (context, request, created) ->
                  context.payParameters.app(
                      request.getCombineAppid(), request.getCombineMchid(), created.getPrepayId()));
  private static final Operation<String, CombineTransaction> QUERY =
      Operation.of(
          "queryCombineByOutTradeNo",
          CombineOrdersApi.class,
          (context, combineOutTradeNo) -> CombineRequests.combineOutTradeNo(combineOutTradeNo),
          (api, context, combineOutTradeNo) -> api.queryCombineOrderByOutTradeNo(combineOutTradeNo),
          (context, combineOutTradeNo, order) ->
              Calls.about(
                  Calls.about(order, "combine_mchid", order.getCombineMchid(), context.merchantId),
                  "combine_out_trade_no",
                  order.getCombineOutTradeNo(),
                  combineOutTradeNo));
  private static final Operation<Closing, Void> CLOSE =
      Operation.of(
          "closeCombine",
          CombineOrdersApi.class,
          (context, closing) -> CombineRequests.close(context, closing),
          (api, context, request) ->
              api.closeCombineOrder(request.combineOutTradeNo(), request.body()));

  private static <W, R> Operation<Consumer<CombinePrepayRequest.Builder>, R> prepay(
      String name,
      Orders.Kind kind,
      BiFunction<CombineOrdersApi, CombinePrepayRequest, Call<W>> call,
      Operation.Result<CombinePrepayRequest, W, R> result) {
    return Operation.of(
        name,
        CombineOrdersApi.class,
        (context, order) -> CombineRequests.prepay(context, order, kind),
        (api, context, request) -> call.apply(api, request),
        result);
  }

  private final Pipeline pipeline;

  Combine(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * A view whose calls use {@code policy} instead of the client's {@link RetryPolicy}. Cheap: it
   * shares the client's connections, keys, host failover and generated interfaces.
   */
  public Combine withRetryPolicy(RetryPolicy policy) {
    return new Combine(pipeline.withRetryPolicy(policy));
  }

  /**
   * JSAPI combine prepay (JSAPI合单下单) for an Official Account page; {@code
   * combine_payer_info.openid} (the payer under {@code combine_appid}) is required.
   */
  public WechatPayResponse<PrepayResponse> prepayJsapi(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_JSAPI, order);
  }

  /** Asynchronous {@link #prepayJsapi}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayJsapiAsync(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_JSAPI, order);
  }

  /**
   * APP combine prepay (App合单下单); {@code combine_payer_info} is optional. {@code combine_appid}
   * must be the mobile app's.
   */
  public WechatPayResponse<PrepayResponse> prepayApp(Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_APP, order);
  }

  /** Asynchronous {@link #prepayApp}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayAppAsync(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_APP, order);
  }

  /**
   * H5 combine prepay (H5合单下单) for a mobile browser outside WeChat; {@code scene_info} with {@code
   * payer_client_ip} and {@code h5_info} is required, {@code combine_payer_info} must be absent.
   * The {@code h5_url} lives 5 minutes.
   */
  public WechatPayResponse<H5PrepayResponse> prepayH5(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_H5, order);
  }

  /** Asynchronous {@link #prepayH5}. */
  public CompletableFuture<WechatPayResponse<H5PrepayResponse>> prepayH5Async(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_H5, order);
  }

  /**
   * Native combine prepay (Native合单下单); {@code combine_payer_info} must be absent. Show the
   * answered {@code code_url} as a QR code (only WeChat 扫一扫 pays it).
   */
  public WechatPayResponse<NativePrepayResponse> prepayNative(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_NATIVE, order);
  }

  /** Asynchronous {@link #prepayNative}. */
  public CompletableFuture<WechatPayResponse<NativePrepayResponse>> prepayNativeAsync(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_NATIVE, order);
  }

  /**
   * JSAPI combine prepay, then the signed parameters for {@code
   * WeixinJSBridge.invoke('getBrandWCPayRequest', …)}, exactly as for a basic order (调起支付与基础支付完全一致)
   * with {@code appId} = {@code combine_appid}, signed with this merchant's key.
   */
  public WechatPayResponse<JsapiPayParameters> prepayJsapiWithPayParameters(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_JSAPI_PAY, order);
  }

  /** Asynchronous {@link #prepayJsapiWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<JsapiPayParameters>> prepayJsapiWithPayParametersAsync(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_JSAPI_PAY, order);
  }

  /**
   * Mini-program combine prepay (小程序合单下单, the JSAPI endpoint with the mini-program's {@code
   * combine_appid}), then the signed parameters for {@code wx.requestPayment} ({@link
   * JsapiPayParameters#toMiniProgramJson()}).
   */
  public WechatPayResponse<JsapiPayParameters> prepayMiniProgramWithPayParameters(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_MINI_PROGRAM_PAY, order);
  }

  /** Asynchronous {@link #prepayMiniProgramWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<JsapiPayParameters>>
      prepayMiniProgramWithPayParametersAsync(Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_MINI_PROGRAM_PAY, order);
  }

  /**
   * APP combine prepay, then the signed parameters of the OpenSDK's {@code PayReq}: {@code appid} =
   * {@code combine_appid}, {@code partnerid} = {@code combine_mchid}, {@code prepayid}, {@code
   * package=Sign=WXPay}, {@code noncestr}, {@code timestamp}, {@code sign}.
   */
  public WechatPayResponse<AppPayParameters> prepayAppWithPayParameters(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_APP_PAY, order);
  }

  /** Asynchronous {@link #prepayAppWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<AppPayParameters>> prepayAppWithPayParametersAsync(
      Consumer<CombinePrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_APP_PAY, order);
  }

  /**
   * Queries a combine order (合单查询订单) by its {@code combine_out_trade_no}: every sub-order with its
   * {@code trade_state}, {@code transaction_id} (once paid) and amounts. The answer must be about
   * this merchant and this order, or it is refused ({@code WRONG_SUBJECT}).
   *
   * @throws IllegalArgumentException if {@code combineOutTradeNo} is not 6 to 32 allowed characters
   * @throws WechatPayApiException if WeChat Pay answers non-2xx, e.g. {@code 404 ORDER_NOT_EXIST}
   * @throws WechatPayConnectionException if no answer came
   * @throws WechatPaySignatureException if the answer's signature does not verify
   */
  public WechatPayResponse<CombineTransaction> queryByOutTradeNo(String combineOutTradeNo) {
    return pipeline.execute(QUERY, combineOutTradeNo);
  }

  /** Asynchronous {@link #queryByOutTradeNo}. */
  public CompletableFuture<WechatPayResponse<CombineTransaction>> queryByOutTradeNoAsync(
      String combineOutTradeNo) {
    return pipeline.enqueue(QUERY, combineOutTradeNo);
  }

  /**
   * Closes an unpaid combine order (合单关闭订单): every sub-order at once. {@code sub_orders} must be
   * exactly the prepay's ({@code mchid} and {@code out_trade_no} of each); {@code combine_appid} is
   * filled with the client's default.
   *
   * <pre>{@code
   * wechatPay.combine().close("C20260101000001", close -> close.subOrders(List.of(
   *     CombineCloseSubOrder.builder().mchid("1900000109").outTradeNo("S20260101000001").build(),
   *     CombineCloseSubOrder.builder().mchid("1900000110").outTradeNo("S20260101000002").build())));
   * }</pre>
   *
   * @throws IllegalArgumentException if the sub-orders break the rules of the prepay (nothing sent)
   * @throws WechatPayApiException if WeChat Pay answers non-2xx, e.g. {@code 400 INVALID_REQUEST}
   *     for a sub-order set other than the prepay's
   * @throws WechatPayException with status 202 if WeChat Pay answered {@code USER_PAYING}: the
   *     payer is paying, the order was not closed; query it after 5 seconds
   * @throws WechatPayConnectionException if no answer came: query before trying again
   * @throws WechatPaySignatureException if the answer's signature does not verify
   */
  public WechatPayResponse<Void> close(
      String combineOutTradeNo, Consumer<CombineCloseRequest.Builder> request) {
    return closed(pipeline.execute(CLOSE, new Closing(combineOutTradeNo, request)));
  }

  /** Asynchronous {@link #close}; a refused request throws here, before any future exists. */
  public CompletableFuture<WechatPayResponse<Void>> closeAsync(
      String combineOutTradeNo, Consumer<CombineCloseRequest.Builder> request) {
    return pipeline
        .enqueue(CLOSE, new Closing(combineOutTradeNo, request))
        .thenApply(Combine::closed);
  }

  /**
   * Finds out what became of a combine order after a prepay or close ended without a trustworthy
   * answer: queries it and derives one status from its sub-orders, which change together ({@code
   * PAID} when every one is {@code SUCCESS}/{@code REFUND}, {@code CREATED} when all are unpaid,
   * {@code CLOSED} when all are closed). Sub-orders in different states, or none, are an anomaly
   * that WeChat Pay's all-or-nothing rule excludes: {@code UNKNOWN}, never a guess. Never throws a
   * {@link WechatPayException}: a failed query is {@code UNKNOWN} (or {@code NOT_FOUND} for a
   * verified {@code 404 ORDER_NOT_EXIST}) carrying the failure.
   *
   * @throws IllegalArgumentException if {@code combineOutTradeNo} is not a valid combine order
   *     number
   */
  public OrderOutcome<CombineTransaction> reconcile(String combineOutTradeNo) {
    CombineRequests.combineOutTradeNo(combineOutTradeNo);
    return pipeline.reconcile(
        QUERY,
        combineOutTradeNo,
        combineOutTradeNo,
        CombineTransaction::getCombineOutTradeNo,
        Combine::tradeState);
  }

  /**
   * The one state of every sub-order ({@code SUCCESS} and {@code REFUND} count as one: paid), or
   * null if they differ or there are none.
   */
  static @Nullable TradeState tradeState(CombineTransaction order) {
    List<CombineSubTransaction> subOrders = order.getSubOrders();
    if (subOrders == null || subOrders.isEmpty()) {
      return null;
    }
    TradeState first = null;
    for (CombineSubTransaction subOrder : subOrders) {
      TradeState state = subOrder.getTradeState();
      if (state == null) {
        return null;
      }
      if (first == null) {
        first = state;
      } else if (OrderOutcome.status(first) != OrderOutcome.status(state)) {
        return null;
      }
    }
    return first;
  }

  /** A close is done only with 204: 202 means the payer is paying and nothing was closed. */
  private static WechatPayResponse<Void> closed(WechatPayResponse<Void> response) {
    if (response.httpStatus() != 204) {
      throw new WechatPayException(
          "closeCombine was not carried out: WeChat Pay answered "
              + response.httpStatus()
              + (response.httpStatus() == 202 ? " (USER_PAYING: the payer is paying)" : "")
              + " instead of 204; query the combine order after 5 seconds and close it again only"
              + " if it is still unpaid",
          null,
          response.requestId(),
          response.httpStatus(),
          true);
    }
    return response;
  }
}
