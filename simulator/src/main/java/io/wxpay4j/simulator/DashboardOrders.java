package io.wxpay4j.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The order list of the dashboard: every kind of order the simulator keeps, one row each. A new
 * kind of order (e.g. combine orders, 合单) is one more {@link Source} in {@link #SOURCES}: a class
 * that turns its book into rows, with the control URLs its buttons post to.
 */
final class DashboardOrders {
  /** One order as the dashboard shows it. */
  record Row(
      String kind,
      String outTradeNo,
      String tradeType,
      String state,
      long totalFen,
      String description,
      Instant createTime,
      Instant timeExpire,
      @Nullable Instant successTime,
      @Nullable String transactionId,
      @Nullable String payer,
      @Nullable String codeUrl,
      @Nullable String h5Url,
      List<Action> actions) {}

  /** A button: its label and the control call it posts (a JSON body, possibly empty). */
  record Action(String label, String path, String body) {}

  /** One kind of order. */
  interface Source {
    List<Row> rows(Simulation sim);
  }

  /** Every kind, in the order the dashboard lists them; rows are then sorted by creation time. */
  static final List<Source> SOURCES = List.of(DashboardOrders::directAndPartner);

  private DashboardOrders() {}

  static List<Row> rows(Simulation sim) {
    List<Row> rows = new ArrayList<>();
    for (Source source : SOURCES) {
      rows.addAll(source.rows(sim));
    }
    rows.sort(Comparator.comparing(Row::createTime).thenComparing(Row::outTradeNo));
    return rows;
  }

  /** Orders of {@link OrderBook}: direct (直连) and service-provider (服务商) ones. */
  private static List<Row> directAndPartner(Simulation sim) {
    List<Row> rows = new ArrayList<>();
    for (Order order : sim.orders.all()) {
      String state = order.state();
      String path = "/simulator/orders/" + Dashboard.pathSegment(order.outTradeNo);
      List<Action> actions = new ArrayList<>();
      boolean combined = OrderBook.combined(order); // paid and closed with its combine order
      if (Order.NOTPAY.equals(state) && !combined) {
        actions.add(new Action("Pay 支付", path + "/pay", "{}"));
        actions.add(new Action("Fail 支付失败", path + "/fail", "{}"));
        actions.add(new Action("Close 关单", path + "/close", "{}"));
      }
      rows.add(
          new Row(
              combined
                  ? "combine sub-order 合单子单 (mchid " + order.mchid + ")"
                  : order.partner ? "partner 服务商 (sub_mchid " + order.subMchid + ")" : "direct 直连",
              order.outTradeNo,
              order.tradeType,
              state,
              order.total,
              order.description,
              order.createTime,
              order.timeExpire,
              order.successTime(),
              order.transactionId(),
              order.payerOpenid(),
              order.codeUrl,
              order.h5Url,
              actions));
    }
    return rows;
  }
}
