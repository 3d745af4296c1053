package io.wxpay4j.simulator;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A deduction template (委托代扣协议模板) of the merchant, as configured in 商户平台: its id ({@code plan_id}),
 * its name, and the terminate URL (解约回调地址) that receives {@code ENTRUST.TERMINATE}.
 */
final class ContractPlan {
  final long planId;
  final String name;
  final @Nullable String terminateNotifyUrl;

  ContractPlan(long planId, String name, @Nullable String terminateNotifyUrl) {
    if (planId < 1) {
      throw new IllegalArgumentException("planId must be positive, was " + planId);
    }
    this.planId = planId;
    this.name = Objects.requireNonNull(name, "name == null");
    this.terminateNotifyUrl = terminateNotifyUrl;
  }
}
