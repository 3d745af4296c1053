package io.wxpay4j.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** {@link WechatPayHealth} for Spring Boot 3 Actuator. */
final class Boot3HealthIndicator implements HealthIndicator {
  private final WechatPayHealth health;

  Boot3HealthIndicator(WechatPayHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    WechatPayHealth.Report report = health.report();
    return (report.up() ? Health.up() : Health.down()).withDetails(report.details()).build();
  }
}
