package io.wxpay4j.notify;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A verified, decrypted notification: the envelope fields and the decrypted resource as JSON text.
 *
 * <p>{@link #resourceJson()} holds payer data (the openid): it is left out of {@link #toString()};
 * keep it out of logs. Every {@link WechatPayEvent} carries one. Immutable.
 */
public final class WechatPayNotification {
  private final @Nullable String id;
  private final @Nullable OffsetDateTime createTime;
  private final @Nullable String eventType;
  private final @Nullable String resourceType;
  private final @Nullable String summary;
  private final @Nullable String originalType;
  private final @Nullable String associatedData;
  private final String resourceJson;

  WechatPayNotification(
      @Nullable String id,
      @Nullable OffsetDateTime createTime,
      @Nullable String eventType,
      @Nullable String resourceType,
      @Nullable String summary,
      @Nullable String originalType,
      @Nullable String associatedData,
      String resourceJson) {
    this.id = id;
    this.createTime = createTime;
    this.eventType = eventType;
    this.resourceType = resourceType;
    this.summary = summary;
    this.originalType = originalType;
    this.associatedData = associatedData;
    this.resourceJson = resourceJson;
  }

  /**
   * The notification ID, e.g. {@code EV-2018022511223320873}; the same notification may arrive
   * twice.
   */
  public @Nullable String id() {
    return id;
  }

  /** When WeChat Pay created the notification. */
  public @Nullable OffsetDateTime createTime() {
    return createTime;
  }

  /** e.g. {@code TRANSACTION.SUCCESS}. */
  public @Nullable String eventType() {
    return eventType;
  }

  /** {@code encrypt-resource}. */
  public @Nullable String resourceType() {
    return resourceType;
  }

  /** e.g. {@code 支付成功}. */
  public @Nullable String summary() {
    return summary;
  }

  /** The type of the decrypted resource, e.g. {@code transaction}. */
  public @Nullable String originalType() {
    return originalType;
  }

  /**
   * The resource's associated data (附加数据, e.g. {@code transaction}), authenticated with it by
   * AES-GCM; may be empty.
   */
  public @Nullable String associatedData() {
    return associatedData;
  }

  /** The decrypted resource, JSON text. Contains payer data. */
  public String resourceJson() {
    return resourceJson;
  }

  @Override
  public String toString() {
    return "WechatPayNotification{id="
        + id
        + ", eventType="
        + eventType
        + ", createTime="
        + createTime
        + ", originalType="
        + originalType
        + "}";
  }
}
