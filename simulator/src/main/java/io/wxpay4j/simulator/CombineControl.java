package io.wxpay4j.simulator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The control API's combine-payment (合单支付) calls.
 *
 * <ul>
 *   <li>{@code GET /simulator/combine-orders}; {@code GET /simulator/combine-orders/{no}}
 *   <li>{@code POST /simulator/combine-orders/{no}/pay}: the payer pays every sub-order at once
 *   <li>{@code POST /simulator/pay} with {@code {"combine_out_trade_no": …}}, or the {@code
 *       code_url} / {@code prepay_id} / {@code h5_url} of a combine prepay
 * </ul>
 */
final class CombineControl {
  private CombineControl() {}

  static JsonNode handle(Simulation sim, String method, String[] parts) throws ApiError {
    if (parts.length == 2 && method.equals("GET")) {
      ArrayNode array = Json.array();
      for (CombineOrder order : sim.combine.all()) {
        array.add(order.snapshotJson());
      }
      return array;
    }
    if (parts.length >= 3) {
      CombineOrder order = sim.combine.find(SpecValidator.percentDecode(parts[2]));
      if (parts.length == 3 && method.equals("GET")) {
        return order.snapshotJson();
      }
      if (parts.length == 4 && parts[3].equals("pay") && method.equals("POST")) {
        return sim.combine.pay(order, sim.now()).snapshotJson();
      }
    }
    throw ContractControl.notFound(method, parts);
  }

  /**
   * The combine order a {@code /simulator/pay} body names: by {@code combine_out_trade_no}, or by a
   * {@code code_url}, {@code prepay_id} or {@code h5_url} that a combine prepay answered; null when
   * it names a basic order (or nothing).
   */
  static @Nullable CombineOrder payerTarget(Simulation sim, JsonNode body) throws ApiError {
    if (body.hasNonNull("combine_out_trade_no")) {
      return sim.combine.find(body.get("combine_out_trade_no").asString());
    }
    if (body.hasNonNull("code_url")) {
      return sim.combine.byCodeUrl(body.get("code_url").asString());
    }
    if (body.hasNonNull("prepay_id")) {
      return sim.combine.byPrepayId(body.get("prepay_id").asString());
    }
    if (body.hasNonNull("h5_url")) {
      String url = body.get("h5_url").asString();
      int at = url.indexOf("prepay_id=");
      if (at >= 0) {
        String rest = url.substring(at + "prepay_id=".length());
        int amp = rest.indexOf('&');
        return sim.combine.byPrepayId(amp < 0 ? rest : rest.substring(0, amp));
      }
    }
    return null;
  }
}
