package io.wxpay4j.examples.spring;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The shop's own orders (a database table in a real shop): amount and whether it is paid. */
@Component
public class ShopOrders {
  /** One order of the shop. */
  public record ShopOrder(String outTradeNo, int totalFen, boolean paid) {}

  private final Map<String, ShopOrder> orders = new ConcurrentHashMap<>();

  void placed(String outTradeNo, int totalFen) {
    orders.put(outTradeNo, new ShopOrder(outTradeNo, totalFen, false));
  }

  Optional<ShopOrder> find(String outTradeNo) {
    return Optional.ofNullable(orders.get(outTradeNo));
  }

  /** Marks the order paid; idempotent, as notifications may arrive more than once. */
  void markPaid(String outTradeNo) {
    orders.computeIfPresent(outTradeNo, (no, o) -> new ShopOrder(no, o.totalFen(), true));
  }
}
