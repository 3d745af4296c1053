package io.wxpay4j;

import io.wxpay4j.model.CombineCloseRequest;
import io.wxpay4j.model.CombineCloseSubOrder;
import io.wxpay4j.model.CombinePrepayRequest;
import io.wxpay4j.model.CombineSubOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Builds and checks the requests of {@link Combine}: the client's defaults, then the caller's
 * settings, then the rules of a direct merchant's combine order that the schema cannot express (the
 * schema allows the service provider's 1–50 sub-orders). Every refusal names the field, by its JSON
 * path, and the fix.
 */
final class CombineRequests {
  private static final Pattern MERCHANT_ID = Pattern.compile("[0-9]{1,32}");

  private CombineRequests() {}

  /** A close ready to send: the path's order number and the body. */
  record CloseCall(String combineOutTradeNo, CombineCloseRequest body) {}

  static String combineOutTradeNo(String combineOutTradeNo) {
    if (combineOutTradeNo == null
        || !RequestChecks.OUT_TRADE_NO.matcher(combineOutTradeNo).matches()) {
      throw new IllegalArgumentException(
          "combine_out_trade_no must be 6 to 32 characters of 0-9 A-Z a-z _ - | * (合单商户订单号)");
    }
    return combineOutTradeNo;
  }

  static CombinePrepayRequest prepay(
      ClientContext context, Consumer<CombinePrepayRequest.Builder> order, Orders.Kind kind) {
    Objects.requireNonNull(order, "order == null");
    CombinePrepayRequest.Builder builder =
        CombinePrepayRequest.builder()
            .combineMchid(context.merchantId)
            .combineAppid(context.appId)
            .notifyUrl(context.notifyUrl);
    order.accept(builder);
    CombinePrepayRequest request = builder.build();
    if (!context.merchantId.equals(request.getCombineMchid())) {
      throw new IllegalArgumentException(
          "combine_mchid is filled in by the client ("
              + context.merchantId
              + ", the initiator 合单发起方); do not set it, or use that merchant's client");
    }
    if (kind == Orders.Kind.JSAPI && request.getCombinePayerInfo() == null) {
      throw new IllegalArgumentException(
          "combine_payer_info.openid is required for JSAPI and mini-program combine prepay: the"
              + " payer's openid under combine_appid");
    }
    if (request.getCombinePayerInfo() != null
        && (kind == Orders.Kind.H5 || kind == Orders.Kind.NATIVE)) {
      throw new IllegalArgumentException(
          "combine_payer_info must not be set for "
              + kind
              + " combine prepay: the payer is known only once they pay; remove it");
    }
    if (kind == Orders.Kind.H5
        && (request.getSceneInfo() == null || request.getSceneInfo().getH5Info() == null)) {
      throw new IllegalArgumentException(
          "scene_info.h5_info is required for H5 combine prepay, with scene_info.payer_client_ip the"
              + " payer's real IP");
    }
    context.checks.notifyUrl(request.getNotifyUrl());
    List<CombineSubOrder> subOrders = request.getSubOrders();
    count(subOrders.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < subOrders.size(); i++) {
      CombineSubOrder subOrder = subOrders.get(i);
      String at = "sub_orders[" + i + "]";
      merchant(at, subOrder.getMchid());
      direct(at, subOrder.getSubMchid(), subOrder.getSubAppid());
      unique(seen, i, subOrder.getOutTradeNo());
      String currency = subOrder.getAmount().getCurrency();
      if (!"CNY".equals(currency)) {
        throw new IllegalArgumentException(
            at
                + ".amount.currency must be CNY (the only currency of domestic merchants), was "
                + RequestChecks.quoted(String.valueOf(currency)));
      }
    }
    return request;
  }

  static CloseCall close(ClientContext context, Combine.Closing closing) {
    combineOutTradeNo(closing.combineOutTradeNo());
    Objects.requireNonNull(closing.request(), "request == null");
    CombineCloseRequest.Builder builder = CombineCloseRequest.builder().combineAppid(context.appId);
    closing.request().accept(builder);
    CombineCloseRequest request = builder.build();
    List<CombineCloseSubOrder> subOrders = request.getSubOrders();
    count(subOrders.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < subOrders.size(); i++) {
      CombineCloseSubOrder subOrder = subOrders.get(i);
      String at = "sub_orders[" + i + "]";
      merchant(at, subOrder.getMchid());
      direct(at, subOrder.getSubMchid(), subOrder.getSubAppid());
      unique(seen, i, subOrder.getOutTradeNo());
    }
    return new CloseCall(closing.combineOutTradeNo(), request);
  }

  private static void count(int count) {
    if (count < Combine.MIN_SUB_ORDERS || count > Combine.MAX_SUB_ORDERS) {
      throw new IllegalArgumentException(
          "sub_orders has "
              + count
              + " sub-order"
              + (count == 1 ? "" : "s")
              + ", but a direct merchant's combine order has "
              + Combine.MIN_SUB_ORDERS
              + " to "
              + Combine.MAX_SUB_ORDERS
              + " (普通商户模式只支持2-10笔): "
              + (count < Combine.MIN_SUB_ORDERS
                  ? "pay a single order with orders() instead"
                  : "split the payment into several combine orders"));
    }
  }

  private static void merchant(String at, String mchid) {
    if (!MERCHANT_ID.matcher(mchid).matches()) {
      throw new IllegalArgumentException(
          at
              + ".mchid must be the sub-order merchant's ID (子单商户号): digits only, e.g. 1900000109,"
              + " bound to combine_appid");
    }
  }

  private static void direct(String at, @Nullable String subMchid, @Nullable String subAppid) {
    if (subMchid != null || subAppid != null) {
      throw new IllegalArgumentException(
          at
              + "."
              + (subMchid != null ? "sub_mchid" : "sub_appid")
              + " is for a service provider's combine order (服务商合单), which this client does not"
              + " place; a direct merchant names the sub-order's merchant in mchid: remove it");
    }
  }

  private static void unique(Map<String, Integer> seen, int index, String outTradeNo) {
    Integer earlier = seen.putIfAbsent(outTradeNo, index);
    if (earlier != null) {
      throw new IllegalArgumentException(
          "sub_orders["
              + index
              + "].out_trade_no "
              + RequestChecks.quoted(outTradeNo)
              + " is also sub_orders["
              + earlier
              + "].out_trade_no: give every sub-order its own out_trade_no (it names the sub-order in"
              + " queries, refunds and bills)");
    }
  }
}
