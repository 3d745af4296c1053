package io.wxpay4j.notify;

import java.util.Objects;

/**
 * A verified, decrypted notification whose {@code event_type} this version of wxpay4j does not
 * decode. It is genuine (signed by WeChat Pay and encrypted with this merchant's APIv3 key), but
 * nothing about it has been checked beyond that: read {@link WechatPayNotification#resourceJson()}
 * only if you know the event. Immutable.
 */
public final class UnrecognizedEvent implements WechatPayEvent {
  private final WechatPayNotification notification;

  UnrecognizedEvent(WechatPayNotification notification) {
    this.notification = Objects.requireNonNull(notification);
  }

  @Override
  public WechatPayNotification notification() {
    return notification;
  }

  @Override
  public String toString() {
    return "UnrecognizedEvent{" + notification + "}";
  }
}
