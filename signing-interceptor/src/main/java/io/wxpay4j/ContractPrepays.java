package io.wxpay4j;

import io.wxpay4j.api.OrdersApi;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.AppWithContractPrepayRequest;
import io.wxpay4j.model.ContractInfo;
import io.wxpay4j.model.JsapiContractInfo;
import io.wxpay4j.model.JsapiWithContractPrepayRequest;
import io.wxpay4j.model.PrepayResponse;
import io.wxpay4j.model.SceneInfo;
import io.wxpay4j.pay.AppPayParameters;
import io.wxpay4j.pay.JsapiPayParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The pay-and-sign prepays of {@link Orders} (支付中签约, beta), each declared once: APP and JSAPI, and
 * their pay-parameter forms, which sign exactly as for a plain order.
 *
 * <p>Local checks beyond the generated builders (which enforce {@code ContractInfo}'s required
 * members, lengths and digit rules): the client's {@code mchid}, the prepay rules of plain orders,
 * an https {@code contract_notify_url} as for {@code notify_url}, and for JSAPI (whose {@code
 * contract_info} has no required member in the schema) exactly one of the two member sets.
 */
final class ContractPrepays {

  private ContractPrepays() {}

  static final Operation<Consumer<AppWithContractPrepayRequest.Builder>, PrepayResponse> APP =
      Operation.of(
          "prepayAppWithContract",
          OrdersApi.class,
          ContractPrepays::app,
          (api, context, request) -> api.prepayAppWithContract(request));
  static final Operation<Consumer<AppWithContractPrepayRequest.Builder>, AppPayParameters> APP_PAY =
      Operation.of(
          "prepayAppWithContractWithPayParameters",
          OrdersApi.class,
          ContractPrepays::app,
          (api, context, request) -> api.prepayAppWithContract(request),
          (context, request, created) ->
              context.payParameters.app(
                  request.getAppid(), context.merchantId, created.getPrepayId()));
  static final Operation<Consumer<JsapiWithContractPrepayRequest.Builder>, PrepayResponse> JSAPI =
      Operation.of(
          "prepayJsapiWithContract",
          OrdersApi.class,
          ContractPrepays::jsapi,
          (api, context, request) -> api.prepayJsapiWithContract(request));
  static final Operation<Consumer<JsapiWithContractPrepayRequest.Builder>, JsapiPayParameters>
      JSAPI_PAY =
          Operation.of(
              "prepayJsapiWithContractWithPayParameters",
              OrdersApi.class,
              ContractPrepays::jsapi,
              (api, context, request) -> api.prepayJsapiWithContract(request),
              (context, request, created) ->
                  context.payParameters.jsapi(request.getAppid(), created.getPrepayId()));

  /** Builds and checks an APP pay-and-sign request: defaults, the caller's settings, the rules. */
  static AppWithContractPrepayRequest app(
      ClientContext context, Consumer<AppWithContractPrepayRequest.Builder> order) {
    Objects.requireNonNull(order, "order == null");
    AppWithContractPrepayRequest.Builder builder = AppWithContractPrepayRequest.builder();
    order.accept(
        builder.mchid(context.merchantId).appid(context.appId).notifyUrl(context.notifyUrl));
    AppWithContractPrepayRequest request = builder.build();
    ContractInfo contract = request.getContractInfo();
    orderRules(
        context,
        Orders.Kind.APP,
        request.getMchid(),
        request.getSceneInfo(),
        request.getNotifyUrl(),
        request.getAmount());
    signing(
        context,
        request.getMchid(),
        request.getAppid(),
        contract.getContractMchid(),
        contract.getContractAppid(),
        contract.getContractNotifyUrl());
    return request;
  }

  /** The rules of a plain order of {@code kind}, which a pay-and-sign order obeys too. */
  private static void orderRules(
      ClientContext context,
      Orders.Kind kind,
      String mchid,
      @Nullable SceneInfo sceneInfo,
      String notifyUrl,
      @Nullable Amount amount) {
    Orders.merchant(context, mchid);
    context.checks.prepay(kind, sceneInfo, notifyUrl, amount);
  }

  /**
   * Builds and checks a JSAPI pay-and-sign request; its {@code contract_info} carries either the
   * signing members or an existing authorisation ({@code token} or {@code
   * password_free_contract_id}) alone.
   */
  static JsapiWithContractPrepayRequest jsapi(
      ClientContext context, Consumer<JsapiWithContractPrepayRequest.Builder> order) {
    Objects.requireNonNull(order, "order == null");
    JsapiWithContractPrepayRequest.Builder builder = JsapiWithContractPrepayRequest.builder();
    order.accept(
        builder.mchid(context.merchantId).appid(context.appId).notifyUrl(context.notifyUrl));
    JsapiWithContractPrepayRequest request = builder.build();
    JsapiContractInfo contract = request.getContractInfo();
    orderRules(
        context,
        Orders.Kind.JSAPI,
        request.getMchid(),
        request.getSceneInfo(),
        request.getNotifyUrl(),
        request.getAmount());
    Map<String, @Nullable Object> signing = new LinkedHashMap<>();
    signing.put("plan_id", contract.getPlanId());
    signing.put("contract_mchid", contract.getContractMchid());
    signing.put("contract_appid", contract.getContractAppid());
    signing.put("contract_code", contract.getContractCode());
    signing.put("request_serial", contract.getRequestSerial());
    signing.put("contract_display_account", contract.getContractDisplayAccount());
    boolean token = contract.getToken() != null;
    boolean passwordFree = contract.getPasswordFreeContractId() != null;
    if (token || passwordFree) {
      if (token && passwordFree) {
        throw new IllegalArgumentException(
            "contract_info.token and contract_info.password_free_contract_id are two ways to pay under an"
                + " existing authorisation: send one of them");
      }
      if (signing.values().stream().anyMatch(Objects::nonNull)
          || contract.getContractNotifyUrl() != null) {
        throw new IllegalArgumentException(
            "contract_info mixes an existing authorisation ("
                + (token ? "token" : "password_free_contract_id")
                + ") with signing members (plan_id, contract_code, …): send one set; WeChat Pay has not"
                + " documented a mix");
      }
      return request;
    }
    for (Map.Entry<String, @Nullable Object> member : signing.entrySet()) {
      if (member.getValue() == null) {
        throw new IllegalArgumentException(
            "contract_info."
                + member.getKey()
                + " is required to sign a contract while paying (支付中签约): set plan_id, contract_mchid,"
                + " contract_appid, contract_code, request_serial and contract_display_account, or send"
                + " token or password_free_contract_id alone to pay under an existing authorisation");
      }
    }
    signing(
        context,
        request.getMchid(),
        request.getAppid(),
        contract.getContractMchid(),
        contract.getContractAppid(),
        contract.getContractNotifyUrl());
    return request;
  }

  /**
   * The rules of the signing members beyond the schema: {@code contract_notify_url} is checked as
   * {@code notify_url} is; {@code contract_mchid} / {@code contract_appid} other than {@code mchid}
   * / {@code appid} are logged, not refused (the v2 rule that they be equal is unconfirmed for v3).
   */
  private static void signing(
      ClientContext context,
      String mchid,
      String appid,
      @Nullable String contractMchid,
      @Nullable String contractAppid,
      @Nullable String contractNotifyUrl) {
    if (contractNotifyUrl != null) {
      context.checks.callbackUrl("contract_info.contract_notify_url", contractNotifyUrl);
    }
    if (contractMchid != null && !contractMchid.equals(mchid)) {
      Log.LOGGER.log(
          System.Logger.Level.WARNING,
          "contract_info.contract_mchid {0} differs from mchid {1}: the v2 API requires them equal and"
              + " WeChat Pay may refuse the order",
          contractMchid,
          mchid);
    }
    if (contractAppid != null && !contractAppid.equals(appid)) {
      Log.LOGGER.log(
          System.Logger.Level.WARNING,
          "contract_info.contract_appid {0} differs from appid {1}: the v2 API requires them equal and"
              + " WeChat Pay may refuse the order",
          contractAppid,
          appid);
    }
  }

  /**
   * The logger, created on first use: {@code System.getLogger} searches the class path for a
   * logging backend and starts one, which a program that never logs here need not wait for.
   */
  private static final class Log {
    static final System.Logger LOGGER = System.getLogger(ContractPrepays.class.getName());
  }
}
