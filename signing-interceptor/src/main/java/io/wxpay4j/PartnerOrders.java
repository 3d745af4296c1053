package io.wxpay4j;

import io.wxpay4j.api.PartnerOrdersApi;
import io.wxpay4j.model.H5PrepayResponse;
import io.wxpay4j.model.NativePrepayResponse;
import io.wxpay4j.model.PartnerCloseOrderRequest;
import io.wxpay4j.model.PartnerPayer;
import io.wxpay4j.model.PartnerPrepayRequest;
import io.wxpay4j.model.PartnerTransaction;
import io.wxpay4j.model.PrepayResponse;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.pay.JsapiPayParameters;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * The order lifecycle of a service provider (服务商) acting for its sub-merchants: prepay, query and
 * close under {@code /v3/pay/partner/transactions/}. Get it from {@link WechatPayClient#partner()};
 * the client's merchant ID is the {@code sp_mchid} and its default {@code appid} the {@code
 * sp_appid}.
 *
 * <pre>{@code
 * WechatPayResponse<JsapiPayParameters> pay = wechatPay.partner().prepayJsapiWithPayParameters(order -> order
 *     .subMchid("1900000109")
 *     .subAppid("wxd678efh567hg6999")
 *     .description("Image形象店-深圳腾大-QQ公仔")
 *     .outTradeNo("1217752501201407033233368018")
 *     .amount(Amount.builder().total(100).build())
 *     .payer(PartnerPayer.builder().subOpenid(openid).build()));
 * }</pre>
 *
 * <p>Every call names its sub-merchant: {@code sub_mchid} in prepay requests, the first argument of
 * query and close. The payer of a JSAPI order is exactly one of {@code sp_openid} (under {@code
 * sp_appid}) and {@code sub_openid} (under {@code sub_appid}, which must then be set); anything
 * else is refused before sending. The front-end pay parameters are signed with the appid the payer
 * uses: {@code sub_appid} for a {@code sub_openid} payer, otherwise {@code sp_appid}; for APP
 * orders {@code sub_appid} if set. Same checks, errors, async forms and thread-safety as {@link
 * Orders}.
 */
public final class PartnerOrders {
  private static final Pattern MERCHANT_ID = Pattern.compile("[0-9]{1,32}");

  // The operations, each declared once; the methods below are their blocking and async forms.

  private static final Operation<Consumer<PartnerPrepayRequest.Builder>, PrepayResponse>
      PREPAY_JSAPI =
          prepay(
              "partnerPrepayJsapi",
              Orders.Kind.JSAPI,
              PartnerOrdersApi::partnerPrepayJsapi,
              (context, request, created) -> created);
  private static final Operation<Consumer<PartnerPrepayRequest.Builder>, PrepayResponse>
      PREPAY_MINI_PROGRAM =
          prepay(
              "partnerPrepayMiniProgram",
              Orders.Kind.JSAPI,
              PartnerOrdersApi::partnerPrepayJsapi,
              (context, request, created) -> created);
  private static final Operation<Consumer<PartnerPrepayRequest.Builder>, PrepayResponse>
      PREPAY_APP =
          prepay(
              "partnerPrepayApp",
              Orders.Kind.APP,
              PartnerOrdersApi::partnerPrepayApp,
              (context, request, created) -> created);
  private static final Operation<Consumer<PartnerPrepayRequest.Builder>, H5PrepayResponse>
      PREPAY_H5 =
          prepay(
              "partnerPrepayH5",
              Orders.Kind.H5,
              PartnerOrdersApi::partnerPrepayH5,
              (context, request, created) -> created);
  private static final Operation<Consumer<PartnerPrepayRequest.Builder>, NativePrepayResponse>
      PREPAY_NATIVE =
          prepay(
              "partnerPrepayNative",
              Orders.Kind.NATIVE,
              PartnerOrdersApi::partnerPrepayNative,
              (context, request, created) -> created);
  private static final Operation<Consumer<PartnerPrepayRequest.Builder>, JsapiPayParameters>
      PREPAY_JSAPI_PAY =
          prepay(
              "partnerPrepayJsapiWithPayParameters",
              Orders.Kind.JSAPI,
              PartnerOrdersApi::partnerPrepayJsapi,
              (context, request, created) ->
                  context.payParameters.jsapi(payerAppId(request), created.getPrepayId()));
  private static final Operation<Consumer<PartnerPrepayRequest.Builder>, JsapiPayParameters>
      PREPAY_MINI_PROGRAM_PAY =
          prepay(
              "partnerPrepayMiniProgramWithPayParameters",
              Orders.Kind.JSAPI,
              PartnerOrdersApi::partnerPrepayJsapi,
              (context, request, created) ->
                  context.payParameters.miniProgram(payerAppId(request), created.getPrepayId()));
  private static final Operation<Consumer<PartnerPrepayRequest.Builder>, AppPayParameters>
      PREPAY_APP_PAY =
          prepay(
              "partnerPrepayAppWithPayParameters",
              Orders.Kind.APP,
              PartnerOrdersApi::partnerPrepayApp,
              (context, request, created) ->
                  context.payParameters.app(
                      appAppId(request), context.merchantId, created.getPrepayId()));
  private static final Operation<SubMerchantOrder, PartnerTransaction> QUERY_BY_OUT_TRADE_NO =
      Operation.of(
          "partnerQueryByOutTradeNo",
          PartnerOrdersApi.class,
          (context, order) -> order.checked(RequestChecks::outTradeNo),
          (api, context, order) ->
              api.partnerQueryOrderByOutTradeNo(order.id, context.merchantId, order.subMchid),
          (context, order, answer) ->
              order.about(context, answer, "out_trade_no", answer.getOutTradeNo()));
  private static final Operation<SubMerchantOrder, PartnerTransaction> QUERY_BY_ID =
      Operation.of(
          "partnerQueryById",
          PartnerOrdersApi.class,
          (context, order) -> order.checked(RequestChecks::transactionId),
          (api, context, order) ->
              api.partnerQueryOrderById(order.id, context.merchantId, order.subMchid),
          (context, order, answer) ->
              order.about(context, answer, "transaction_id", answer.getTransactionId()));
  private static final Operation<SubMerchantOrder, Void> CLOSE =
      Operation.of(
          "partnerClose",
          PartnerOrdersApi.class,
          (context, order) -> order.checked(RequestChecks::outTradeNo),
          (api, context, order) ->
              api.partnerCloseOrder(
                  order.id,
                  PartnerCloseOrderRequest.builder()
                      .spMchid(context.merchantId)
                      .subMchid(order.subMchid)
                      .build()));

  /**
   * A prepay of {@code kind}: the request built by {@link #prepay(ClientContext, Consumer,
   * Orders.Kind)}.
   */
  private static <W, R> Operation<Consumer<PartnerPrepayRequest.Builder>, R> prepay(
      String name,
      Orders.Kind kind,
      BiFunction<PartnerOrdersApi, PartnerPrepayRequest, Call<W>> call,
      Operation.Result<PartnerPrepayRequest, W, R> result) {
    return Operation.of(
        name,
        PartnerOrdersApi.class,
        (context, order) -> prepay(context, order, kind),
        (api, context, request) -> call.apply(api, request),
        result);
  }

  private final Pipeline pipeline;

  PartnerOrders(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * A view of these orders whose calls use {@code policy} instead of the client's {@link
   * RetryPolicy}, e.g. {@code partner().withRetryPolicy(RetryPolicy.none()).close(subMchid,
   * outTradeNo)}. Cheap: it shares the client's connections, keys, host failover and generated
   * interfaces.
   */
  public PartnerOrders withRetryPolicy(RetryPolicy policy) {
    return new PartnerOrders(pipeline.withRetryPolicy(policy));
  }

  /**
   * Finds out what became of a sub-merchant's order after a prepay or close ended without a
   * trustworthy answer (a {@link WechatPayException} whose {@link
   * WechatPayException#mayHaveTakenEffect() mayHaveTakenEffect()} is true), as {@link
   * Orders#reconcile} does for direct merchants. Never throws a {@link WechatPayException}: a
   * failed query is an {@code UNKNOWN} outcome carrying the failure.
   *
   * @throws IllegalArgumentException if {@code subMchid} or {@code outTradeNo} is malformed
   */
  public OrderOutcome<PartnerTransaction> reconcile(String subMchid, String outTradeNo) {
    SubMerchantOrder order = new SubMerchantOrder(subMchid, outTradeNo);
    order.checked(RequestChecks::outTradeNo);
    return pipeline.reconcile(
        QUERY_BY_OUT_TRADE_NO,
        order,
        outTradeNo,
        PartnerTransaction::getOutTradeNo,
        PartnerTransaction::getTradeState);
  }

  /**
   * Partner JSAPI prepay (服务商JSAPI下单); {@code payer} with {@code sp_openid} or {@code sub_openid}
   * required.
   */
  public WechatPayResponse<PrepayResponse> prepayJsapi(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_JSAPI, order);
  }

  /** Asynchronous {@link #prepayJsapi}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayJsapiAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_JSAPI, order);
  }

  /** Partner mini-program prepay: the JSAPI endpoint with the mini-program's appid. */
  public WechatPayResponse<PrepayResponse> prepayMiniProgram(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_MINI_PROGRAM, order);
  }

  /** Asynchronous {@link #prepayMiniProgram}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayMiniProgramAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_MINI_PROGRAM, order);
  }

  /** Partner APP prepay (服务商APP下单); no {@code payer}. */
  public WechatPayResponse<PrepayResponse> prepayApp(Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_APP, order);
  }

  /** Asynchronous {@link #prepayApp}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayAppAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_APP, order);
  }

  /** Partner H5 prepay (服务商H5下单); {@code scene_info.h5_info} required. */
  public WechatPayResponse<H5PrepayResponse> prepayH5(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_H5, order);
  }

  /** Asynchronous {@link #prepayH5}. */
  public CompletableFuture<WechatPayResponse<H5PrepayResponse>> prepayH5Async(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_H5, order);
  }

  /** Partner Native prepay (服务商Native下单); no {@code payer}. */
  public WechatPayResponse<NativePrepayResponse> prepayNative(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_NATIVE, order);
  }

  /** Asynchronous {@link #prepayNative}. */
  public CompletableFuture<WechatPayResponse<NativePrepayResponse>> prepayNativeAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_NATIVE, order);
  }

  /**
   * Partner JSAPI prepay, then the parameters for {@code
   * WeixinJSBridge.invoke('getBrandWCPayRequest', …)}, signed with the appid the payer uses ({@code
   * sub_appid} for a {@code sub_openid}, else {@code sp_appid}).
   */
  public WechatPayResponse<JsapiPayParameters> prepayJsapiWithPayParameters(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_JSAPI_PAY, order);
  }

  /** Asynchronous {@link #prepayJsapiWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<JsapiPayParameters>> prepayJsapiWithPayParametersAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_JSAPI_PAY, order);
  }

  /** Partner mini-program prepay, then the parameters for {@code wx.requestPayment}. */
  public WechatPayResponse<JsapiPayParameters> prepayMiniProgramWithPayParameters(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_MINI_PROGRAM_PAY, order);
  }

  /** Asynchronous {@link #prepayMiniProgramWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<JsapiPayParameters>>
      prepayMiniProgramWithPayParametersAsync(Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_MINI_PROGRAM_PAY, order);
  }

  /**
   * Partner APP prepay, then the OpenSDK {@code PayReq} parameters: {@code appid} is {@code
   * sub_appid} if set, else {@code sp_appid}; {@code partnerid} is the service provider's {@code
   * sp_mchid}.
   */
  public WechatPayResponse<AppPayParameters> prepayAppWithPayParameters(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.execute(PREPAY_APP_PAY, order);
  }

  /** Asynchronous {@link #prepayAppWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<AppPayParameters>> prepayAppWithPayParametersAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return pipeline.enqueue(PREPAY_APP_PAY, order);
  }

  /** Queries a sub-merchant's order by the merchant order number (商户订单号). */
  public WechatPayResponse<PartnerTransaction> queryByOutTradeNo(
      String subMchid, String outTradeNo) {
    return pipeline.execute(QUERY_BY_OUT_TRADE_NO, new SubMerchantOrder(subMchid, outTradeNo));
  }

  /** Asynchronous {@link #queryByOutTradeNo}. */
  public CompletableFuture<WechatPayResponse<PartnerTransaction>> queryByOutTradeNoAsync(
      String subMchid, String outTradeNo) {
    return pipeline.enqueue(QUERY_BY_OUT_TRADE_NO, new SubMerchantOrder(subMchid, outTradeNo));
  }

  /** Queries a sub-merchant's paid order by WeChat Pay's order number ({@code transaction_id}). */
  public WechatPayResponse<PartnerTransaction> queryById(String subMchid, String transactionId) {
    return pipeline.execute(QUERY_BY_ID, new SubMerchantOrder(subMchid, transactionId));
  }

  /** Asynchronous {@link #queryById}. */
  public CompletableFuture<WechatPayResponse<PartnerTransaction>> queryByIdAsync(
      String subMchid, String transactionId) {
    return pipeline.enqueue(QUERY_BY_ID, new SubMerchantOrder(subMchid, transactionId));
  }

  /** Closes a sub-merchant's unpaid order; WeChat Pay answers 204. */
  public WechatPayResponse<Void> close(String subMchid, String outTradeNo) {
    return pipeline.execute(CLOSE, new SubMerchantOrder(subMchid, outTradeNo));
  }

  /** Asynchronous {@link #close}. */
  public CompletableFuture<WechatPayResponse<Void>> closeAsync(String subMchid, String outTradeNo) {
    return pipeline.enqueue(CLOSE, new SubMerchantOrder(subMchid, outTradeNo));
  }

  /**
   * A sub-merchant and one of its order numbers ({@code out_trade_no} or {@code transaction_id}).
   */
  static final class SubMerchantOrder {
    final String subMchid;
    final String id;

    SubMerchantOrder(String subMchid, String id) {
      this.subMchid = subMchid;
      this.id = id;
    }

    /** {@code answer} if it is about this order of this sub-merchant of the client's merchant. */
    PartnerTransaction about(
        ClientContext context, PartnerTransaction answer, String idField, @Nullable String id) {
      Calls.about(answer, "sp_mchid", answer.getSpMchid(), context.merchantId);
      Calls.about(answer, "sub_mchid", answer.getSubMchid(), subMchid);
      return Calls.about(answer, idField, id, this.id);
    }

    /** This order after {@code idCheck} and the sub-merchant check, which throw if malformed. */
    SubMerchantOrder checked(java.util.function.UnaryOperator<String> idCheck) {
      idCheck.apply(id);
      subMchid(subMchid);
      return this;
    }
  }

  static String subMchid(String subMchid) {
    if (subMchid == null || !MERCHANT_ID.matcher(subMchid).matches()) {
      throw new IllegalArgumentException(
          "sub_mchid must be the sub-merchant ID (子商户号): digits only");
    }
    return subMchid;
  }

  /** The appid the JSAPI payer's openid belongs to, which WeChat Pay requires in the pay call. */
  private static String payerAppId(PartnerPrepayRequest request) {
    PartnerPayer payer = request.getPayer();
    return payer != null && payer.getSubOpenid() != null
        ? request.getSubAppid()
        : request.getSpAppid();
  }

  private static String appAppId(PartnerPrepayRequest request) {
    return request.getSubAppid() != null ? request.getSubAppid() : request.getSpAppid();
  }

  /** Builds and checks the request: defaults, then the caller's settings, then the rules. */
  static PartnerPrepayRequest prepay(
      ClientContext context, Consumer<PartnerPrepayRequest.Builder> order, Orders.Kind kind) {
    Objects.requireNonNull(order, "order == null");
    PartnerPrepayRequest.Builder builder =
        PartnerPrepayRequest.builder()
            .spMchid(context.merchantId)
            .spAppid(context.appId)
            .notifyUrl(context.notifyUrl);
    order.accept(builder);
    PartnerPrepayRequest request = builder.build();
    if (!context.merchantId.equals(request.getSpMchid())) {
      throw new IllegalArgumentException(
          "sp_mchid is filled in by the client ("
              + context.merchantId
              + "); do not set it, or use that service provider's client");
    }
    subMchid(request.getSubMchid());
    PartnerPayer payer = request.getPayer();
    if (kind == Orders.Kind.JSAPI) {
      if (payer == null || (payer.getSpOpenid() == null) == (payer.getSubOpenid() == null)) {
        throw new IllegalArgumentException(
            "payer must have exactly one of sp_openid (under sp_appid) and sub_openid (under sub_appid) for"
                + " JSAPI and mini-program prepay");
      }
      if (payer.getSubOpenid() != null && request.getSubAppid() == null) {
        throw new IllegalArgumentException(
            "sub_appid is required with payer.sub_openid: the openid belongs to the sub-merchant's app");
      }
    }
    RequestChecks.payerAbsent(kind, payer);
    context.checks.prepay(
        kind, request.getSceneInfo(), request.getNotifyUrl(), request.getAmount());
    return request;
  }
}
