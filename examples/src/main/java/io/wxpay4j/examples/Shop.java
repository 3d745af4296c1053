package io.wxpay4j.examples;

import io.wxpay4j.model.Transaction;
import io.wxpay4j.model.TransactionAmount;
import io.wxpay4j.model.TradeState;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The merchant's own order book, as small as an example allows: the amount of each order it placed, and which
 * orders it has treated as paid. A verified notification proves that WeChat Pay sent it; that the payment is the
 * one this shop asked for, in full, is for the shop to check.
 */
final class Shop {
  private final Map<String, Integer> ordered = new ConcurrentHashMap<>(); // out_trade_no → amount.total (fen)
  private final Map<String, String> paid = new ConcurrentHashMap<>(); // out_trade_no → transaction_id
  private final Consumer<Transaction> shipping;

  /** A shop that calls {@code shipping} once for each order it accepts as paid. */
  Shop(Consumer<Transaction> shipping) {
    this.shipping = shipping;
  }

  /** Records an order the shop placed, before it is paid: what a payment for it must amount to. */
  void ordered(String outTradeNo, int totalFen) {
    ordered.put(outTradeNo, totalFen);
  }

  /** The transaction_id of the payment the shop accepted for {@code outTradeNo}, or null. */
  @Nullable String paidBy(String outTradeNo) {
    return paid.get(outTradeNo);
  }

  // region check-payment
  /**
   * Treats the order as paid, once: only a SUCCESS payment of an order this shop placed, for exactly its amount
   * in CNY. Anything else throws, so that the notification is answered 500 and nothing is shipped; a repeated
   * notification of the same payment changes nothing (WeChat Pay delivers at least once).
   *
   * @return true the first time, false for a repeat
   */
  boolean markPaid(Transaction payment) {
    String outTradeNo = payment.getOutTradeNo();
    Integer expected = outTradeNo == null ? null : ordered.get(outTradeNo);
    if (expected == null) {
      throw new IllegalStateException("payment of an order this shop did not place: " + outTradeNo);
    }
    if (payment.getTradeState() != TradeState.SUCCESS) {
      throw new IllegalStateException("order " + outTradeNo + " is " + payment.getTradeState() + ", not SUCCESS");
    }
    TransactionAmount amount = payment.getAmount();
    if (amount == null || !Objects.equals(amount.getTotal(), expected) || !"CNY".equals(amount.getCurrency())) {
      throw new IllegalStateException("order " + outTradeNo + " was placed for " + expected + " fen CNY, but the"
          + " payment is for " + (amount == null ? "no amount" : amount.getTotal() + " " + amount.getCurrency()));
    }
    String transactionId = Objects.requireNonNull(payment.getTransactionId(), "transaction_id");
    String before = paid.putIfAbsent(outTradeNo, transactionId); // idempotent: keyed by out_trade_no
    if (before != null && !before.equals(transactionId)) {
      throw new IllegalStateException("order " + outTradeNo + " was already paid by transaction " + before);
    }
    if (before != null) {
      return false; // a repeat: nothing more to do
    }
    shipping.accept(payment); // the first time: ship the goods
    return true;
  }
  // endregion
}
