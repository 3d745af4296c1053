package io.wxpay4j.examples.spring;

import io.wxpay4j.model.Transaction;
import io.wxpay4j.notify.PaymentSucceeded;
import io.wxpay4j.notify.RefundEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Acts on verified notifications: the starter's endpoint publishes each one, once, as its typed
 * event; a listener that throws makes the endpoint answer 500, and WeChat Pay sends it again.
 */
@Component
public class PaymentListener {
  private final ShopOrders orders;

  PaymentListener(ShopOrders orders) {
    this.orders = orders;
  }

  // region spring-listener
  @EventListener
  void on(PaymentSucceeded event) {
    Transaction paid = event.transaction(); // verified, decrypted, about this merchant and its apps
    ShopOrders.ShopOrder order = orders.find(paid.getOutTradeNo())
        .orElseThrow(() -> new IllegalStateException("unknown order " + paid.getOutTradeNo()));
    if (paid.getAmount().getTotal() != order.totalFen()) {
      throw new IllegalStateException("amount differs from order " + order.outTradeNo()); // answered 500
    }
    orders.markPaid(order.outTradeNo()); // idempotent: a notification can arrive twice
  }

  @EventListener
  void on(RefundEvent event) {
    // REFUND.SUCCESS / ABNORMAL / CLOSED: event.refund()
  }
  // endregion
}
