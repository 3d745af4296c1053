package io.wxpay4j.simulator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The control API's 支付中签约 calls: the merchant's templates (as 商户平台 configures them) and the
 * contracts, which the payer can also terminate.
 *
 * <ul>
 *   <li>{@code GET /simulator/plans}; {@code POST /simulator/plans} {@code {"plan_id": 12535,
 *       "plan_name": "…", "terminate_notify_url": "https://…"}} adds or replaces a template
 *   <li>{@code GET /simulator/contracts}; {@code GET /simulator/contracts/{plan_id}/{code}}
 *   <li>{@code POST /simulator/contracts/{plan_id}/{code}/terminate}: the payer terminates ({@code
 *       USER_TERMINATE}, {@code ENTRUST.TERMINATE} to the template's URL)
 * </ul>
 */
final class ContractControl {
  private ContractControl() {}

  static JsonNode handle(Simulation sim, String method, String[] parts, JsonNode body)
      throws ApiError {
    if (parts[1].equals("plans")) {
      if (parts.length == 2 && method.equals("GET")) {
        return plans(sim);
      }
      if (parts.length == 2 && method.equals("POST")) {
        sim.contracts.configure(plan(body));
        return plans(sim);
      }
      throw notFound(method, parts);
    }
    if (parts.length == 2 && method.equals("GET")) {
      ArrayNode array = Json.array();
      for (Contract contract : sim.contracts.all()) {
        array.add(contract.snapshotJson());
      }
      return array;
    }
    if (parts.length < 4) {
      throw notFound(method, parts);
    }
    long planId = planId(parts[2]);
    String code = SpecValidator.percentDecode(parts[3]);
    if (parts.length == 4 && method.equals("GET")) {
      return sim.contracts.find(planId, code).snapshotJson();
    }
    if (parts.length == 5 && parts[4].equals("terminate") && method.equals("POST")) {
      return sim.contracts.terminateAsPayer(planId, code, sim.now()).snapshotJson();
    }
    throw notFound(method, parts);
  }

  private static ArrayNode plans(Simulation sim) {
    ArrayNode array = Json.array();
    sim.contracts.plansJson().forEach(array::add);
    return array;
  }

  static ContractPlan plan(JsonNode body) throws ApiError {
    JsonNode id = body.path("plan_id");
    if (!id.isIntegralNumber() || id.asLong() < 1) {
      throw new ApiError(
          400,
          "PARAM_ERROR",
          "body must be {\"plan_id\": <positive integer>, \"plan_name\": \"…\","
              + " \"terminate_notify_url\": \"https://…\" (optional)}");
    }
    @Nullable String url = null;
    if (body.hasNonNull("terminate_notify_url")) {
      OrderBook.checkNotifyUrl(body.get("terminate_notify_url"), "/terminate_notify_url");
      url = body.get("terminate_notify_url").asString();
    }
    return new ContractPlan(
        id.asLong(), body.path("plan_name").asString("plan " + id.asLong()), url);
  }

  private static long planId(String text) throws ApiError {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ApiError(400, "PARAM_ERROR", "plan_id must be an integer, was " + text);
    }
  }

  static ApiError notFound(String method, String[] parts) {
    return new ApiError(
        404,
        "NOT_FOUND",
        "no control call "
            + method
            + " /"
            + String.join("/", parts)
            + " (see the simulator README)");
  }
}
