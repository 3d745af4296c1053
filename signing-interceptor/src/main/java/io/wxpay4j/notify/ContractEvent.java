package io.wxpay4j.notify;

import io.wxpay4j.model.ContractNotification;
import java.util.Objects;

/**
 * <b>Beta.</b> {@code ENTRUST.SIGN} or {@code ENTRUST.TERMINATE} (委托代扣签约/解约通知): a payer signed or
 * ended a deduction contract. Its {@code mchid} (for a service provider {@code sp_mchid}) is the
 * client's. The notice's shape is unconfirmed: confirm the contract with {@code
 * contracts().query(...)} before granting anything. Immutable; {@link #toString()} leaves out the
 * payer.
 */
public final class ContractEvent implements WechatPayEvent {
  private final WechatPayNotification notification;
  private final ContractNotification contract;

  ContractEvent(WechatPayNotification notification, ContractNotification contract) {
    this.notification = Objects.requireNonNull(notification);
    this.contract = Objects.requireNonNull(contract);
  }

  @Override
  public WechatPayNotification notification() {
    return notification;
  }

  /** The contract as notified. */
  public ContractNotification contract() {
    return contract;
  }

  @Override
  public String toString() {
    return "ContractEvent{id="
        + Events.shown(notification.id())
        + ", eventType="
        + Events.shown(notification.eventType())
        + ", contractId="
        + contract.getContractId()
        + "}";
  }
}
