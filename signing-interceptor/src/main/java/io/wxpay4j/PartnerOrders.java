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
import io.wxpay4j.pay.PayParametersSigner;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
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

  private final PartnerOrdersApi api;
  private final String spMchid;
  private final @Nullable String defaultSpAppid;
  private final @Nullable String defaultNotifyUrl;
  private final RequestChecks checks;
  private final PayParametersSigner payParameters;
  private final Function<RetryPolicy, PartnerOrdersApi> apiWithRetryPolicy;

  PartnerOrders(
      PartnerOrdersApi api,
      String spMchid,
      @Nullable String defaultSpAppid,
      @Nullable String defaultNotifyUrl,
      RequestChecks checks,
      PayParametersSigner payParameters,
      Function<RetryPolicy, PartnerOrdersApi> apiWithRetryPolicy) {
    this.api = api;
    this.spMchid = spMchid;
    this.defaultSpAppid = defaultSpAppid;
    this.defaultNotifyUrl = defaultNotifyUrl;
    this.checks = checks;
    this.payParameters = payParameters;
    this.apiWithRetryPolicy = apiWithRetryPolicy;
  }

  /**
   * A view of these orders whose calls use {@code policy} instead of the client's {@link
   * RetryPolicy}, e.g. {@code partner().withRetryPolicy(RetryPolicy.none()).close(subMchid,
   * outTradeNo)}. Cheap: it shares the client's connections, keys and host failover.
   */
  public PartnerOrders withRetryPolicy(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy == null");
    return new PartnerOrders(
        apiWithRetryPolicy.apply(policy),
        spMchid,
        defaultSpAppid,
        defaultNotifyUrl,
        checks,
        payParameters,
        apiWithRetryPolicy);
  }

  /**
   * Finds out what became of a sub-merchant's order after a prepay or close ended without a
   * trustworthy answer (a {@link WechatPayException} whose {@link
   * WechatPayException#mayHaveTakenEffect() mayHaveTakenEffect()} is true), as {@link
   * Orders#reconcile} does for direct merchants. Never throws a {@link WechatPayException}: a
   * failed query is an {@code UNKNOWN} outcome carrying the failure.
   */
  public OrderOutcome<PartnerTransaction> reconcile(String subMchid, String outTradeNo) {
    RequestChecks.outTradeNo(outTradeNo);
    subMchid(subMchid);
    try {
      return OrderOutcome.ofPartner(outTradeNo, queryByOutTradeNo(subMchid, outTradeNo));
    } catch (WechatPayException e) {
      return OrderOutcome.failed(outTradeNo, e);
    }
  }

  /**
   * Partner JSAPI prepay (服务商JSAPI下单); {@code payer} with {@code sp_openid} or {@code sub_openid}
   * required.
   */
  public WechatPayResponse<PrepayResponse> prepayJsapi(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return Calls.execute(
        api.partnerPrepayJsapi(request(order, Orders.Kind.JSAPI)), "partnerPrepayJsapi");
  }

  /** Asynchronous {@link #prepayJsapi}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayJsapiAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return Calls.enqueue(
        api.partnerPrepayJsapi(request(order, Orders.Kind.JSAPI)), "partnerPrepayJsapi");
  }

  /** Partner mini-program prepay: the JSAPI endpoint with the mini-program's appid. */
  public WechatPayResponse<PrepayResponse> prepayMiniProgram(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return Calls.execute(
        api.partnerPrepayJsapi(request(order, Orders.Kind.JSAPI)), "partnerPrepayMiniProgram");
  }

  /** Asynchronous {@link #prepayMiniProgram}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayMiniProgramAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return Calls.enqueue(
        api.partnerPrepayJsapi(request(order, Orders.Kind.JSAPI)), "partnerPrepayMiniProgram");
  }

  /** Partner APP prepay (服务商APP下单); no {@code payer}. */
  public WechatPayResponse<PrepayResponse> prepayApp(Consumer<PartnerPrepayRequest.Builder> order) {
    return Calls.execute(api.partnerPrepayApp(request(order, Orders.Kind.APP)), "partnerPrepayApp");
  }

  /** Asynchronous {@link #prepayApp}. */
  public CompletableFuture<WechatPayResponse<PrepayResponse>> prepayAppAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return Calls.enqueue(api.partnerPrepayApp(request(order, Orders.Kind.APP)), "partnerPrepayApp");
  }

  /** Partner H5 prepay (服务商H5下单); {@code scene_info.h5_info} required. */
  public WechatPayResponse<H5PrepayResponse> prepayH5(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return Calls.execute(api.partnerPrepayH5(request(order, Orders.Kind.H5)), "partnerPrepayH5");
  }

  /** Asynchronous {@link #prepayH5}. */
  public CompletableFuture<WechatPayResponse<H5PrepayResponse>> prepayH5Async(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return Calls.enqueue(api.partnerPrepayH5(request(order, Orders.Kind.H5)), "partnerPrepayH5");
  }

  /** Partner Native prepay (服务商Native下单); no {@code payer}. */
  public WechatPayResponse<NativePrepayResponse> prepayNative(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return Calls.execute(
        api.partnerPrepayNative(request(order, Orders.Kind.NATIVE)), "partnerPrepayNative");
  }

  /** Asynchronous {@link #prepayNative}. */
  public CompletableFuture<WechatPayResponse<NativePrepayResponse>> prepayNativeAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    return Calls.enqueue(
        api.partnerPrepayNative(request(order, Orders.Kind.NATIVE)), "partnerPrepayNative");
  }

  /**
   * Partner JSAPI prepay, then the parameters for {@code
   * WeixinJSBridge.invoke('getBrandWCPayRequest', …)}, signed with the appid the payer uses ({@code
   * sub_appid} for a {@code sub_openid}, else {@code sp_appid}).
   */
  public WechatPayResponse<JsapiPayParameters> prepayJsapiWithPayParameters(
      Consumer<PartnerPrepayRequest.Builder> order) {
    PartnerPrepayRequest request = request(order, Orders.Kind.JSAPI);
    return Calls.execute(api.partnerPrepayJsapi(request), "partnerPrepayJsapiWithPayParameters")
        .map(body -> payParameters.jsapi(payerAppId(request), body.getPrepayId()));
  }

  /** Asynchronous {@link #prepayJsapiWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<JsapiPayParameters>> prepayJsapiWithPayParametersAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    PartnerPrepayRequest request = request(order, Orders.Kind.JSAPI);
    return Calls.enqueue(api.partnerPrepayJsapi(request), "partnerPrepayJsapiWithPayParameters")
        .thenApply(
            r -> r.map(body -> payParameters.jsapi(payerAppId(request), body.getPrepayId())));
  }

  /** Partner mini-program prepay, then the parameters for {@code wx.requestPayment}. */
  public WechatPayResponse<JsapiPayParameters> prepayMiniProgramWithPayParameters(
      Consumer<PartnerPrepayRequest.Builder> order) {
    PartnerPrepayRequest request = request(order, Orders.Kind.JSAPI);
    return Calls.execute(
            api.partnerPrepayJsapi(request), "partnerPrepayMiniProgramWithPayParameters")
        .map(body -> payParameters.miniProgram(payerAppId(request), body.getPrepayId()));
  }

  /** Asynchronous {@link #prepayMiniProgramWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<JsapiPayParameters>>
      prepayMiniProgramWithPayParametersAsync(Consumer<PartnerPrepayRequest.Builder> order) {
    PartnerPrepayRequest request = request(order, Orders.Kind.JSAPI);
    return Calls.enqueue(
            api.partnerPrepayJsapi(request), "partnerPrepayMiniProgramWithPayParameters")
        .thenApply(
            r -> r.map(body -> payParameters.miniProgram(payerAppId(request), body.getPrepayId())));
  }

  /**
   * Partner APP prepay, then the OpenSDK {@code PayReq} parameters: {@code appid} is {@code
   * sub_appid} if set, else {@code sp_appid}; {@code partnerid} is the service provider's {@code
   * sp_mchid}.
   */
  public WechatPayResponse<AppPayParameters> prepayAppWithPayParameters(
      Consumer<PartnerPrepayRequest.Builder> order) {
    PartnerPrepayRequest request = request(order, Orders.Kind.APP);
    return Calls.execute(api.partnerPrepayApp(request), "partnerPrepayAppWithPayParameters")
        .map(body -> payParameters.app(appAppId(request), spMchid, body.getPrepayId()));
  }

  /** Asynchronous {@link #prepayAppWithPayParameters}. */
  public CompletableFuture<WechatPayResponse<AppPayParameters>> prepayAppWithPayParametersAsync(
      Consumer<PartnerPrepayRequest.Builder> order) {
    PartnerPrepayRequest request = request(order, Orders.Kind.APP);
    return Calls.enqueue(api.partnerPrepayApp(request), "partnerPrepayAppWithPayParameters")
        .thenApply(
            r -> r.map(body -> payParameters.app(appAppId(request), spMchid, body.getPrepayId())));
  }

  /** Queries a sub-merchant's order by the merchant order number (商户订单号). */
  public WechatPayResponse<PartnerTransaction> queryByOutTradeNo(
      String subMchid, String outTradeNo) {
    return Calls.execute(queryByOutTradeNoCall(subMchid, outTradeNo), "partnerQueryByOutTradeNo");
  }

  /** Asynchronous {@link #queryByOutTradeNo}. */
  public CompletableFuture<WechatPayResponse<PartnerTransaction>> queryByOutTradeNoAsync(
      String subMchid, String outTradeNo) {
    return Calls.enqueue(queryByOutTradeNoCall(subMchid, outTradeNo), "partnerQueryByOutTradeNo");
  }

  /** Queries a sub-merchant's paid order by WeChat Pay's order number ({@code transaction_id}). */
  public WechatPayResponse<PartnerTransaction> queryById(String subMchid, String transactionId) {
    return Calls.execute(queryByIdCall(subMchid, transactionId), "partnerQueryById");
  }

  /** Asynchronous {@link #queryById}. */
  public CompletableFuture<WechatPayResponse<PartnerTransaction>> queryByIdAsync(
      String subMchid, String transactionId) {
    return Calls.enqueue(queryByIdCall(subMchid, transactionId), "partnerQueryById");
  }

  /** Closes a sub-merchant's unpaid order; WeChat Pay answers 204. */
  public WechatPayResponse<Void> close(String subMchid, String outTradeNo) {
    return Calls.execute(closeCall(subMchid, outTradeNo), "partnerClose");
  }

  /** Asynchronous {@link #close}. */
  public CompletableFuture<WechatPayResponse<Void>> closeAsync(String subMchid, String outTradeNo) {
    return Calls.enqueue(closeCall(subMchid, outTradeNo), "partnerClose");
  }

  private Call<PartnerTransaction> queryByOutTradeNoCall(String subMchid, String outTradeNo) {
    return api.partnerQueryOrderByOutTradeNo(
        RequestChecks.outTradeNo(outTradeNo), spMchid, subMchid(subMchid));
  }

  private Call<PartnerTransaction> queryByIdCall(String subMchid, String transactionId) {
    return api.partnerQueryOrderById(
        RequestChecks.transactionId(transactionId), spMchid, subMchid(subMchid));
  }

  private Call<Void> closeCall(String subMchid, String outTradeNo) {
    return api.partnerCloseOrder(
        RequestChecks.outTradeNo(outTradeNo),
        PartnerCloseOrderRequest.builder().spMchid(spMchid).subMchid(subMchid(subMchid)).build());
  }

  private static String subMchid(String subMchid) {
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
  PartnerPrepayRequest request(Consumer<PartnerPrepayRequest.Builder> order, Orders.Kind kind) {
    Objects.requireNonNull(order, "order == null");
    PartnerPrepayRequest.Builder builder =
        PartnerPrepayRequest.builder()
            .spMchid(spMchid)
            .spAppid(defaultSpAppid)
            .notifyUrl(defaultNotifyUrl);
    order.accept(builder);
    PartnerPrepayRequest request = builder.build();
    if (!spMchid.equals(request.getSpMchid())) {
      throw new IllegalArgumentException(
          "sp_mchid is filled in by the client ("
              + spMchid
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
    checks.prepay(
        kind,
        request.getSceneInfo(),
        request.getNotifyUrl(),
        request.getAmount(),
        request,
        PartnerPrepayRequest.class);
    return request;
  }
}
