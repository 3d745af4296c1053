package io.wxpay4j.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@link WechatPayHealth} for Spring Boot 4 Actuator (spring-boot-health). */
final class Boot4HealthIndicator implements HealthIndicator {
  private final WechatPayHealth health;

  Boot4HealthIndicator(WechatPayHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    WechatPayHealth.Report report = health.report();
    return (report.up() ? Health.up() : Health.down()).withDetails(report.details()).build();
  }
}
