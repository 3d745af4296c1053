/**
 * Spring Boot auto-configuration of wxpay4j: {@code WechatPayClient} beans from {@code wxpay4j.*}
 * properties, the notification endpoint that publishes the typed events of {@code
 * io.wxpay4j.notify} as application events, Actuator health, Micrometer metrics, and clients
 * pointed at an embedded simulator in tests ({@code wxpay4j.simulator.enabled=true}).
 */
@NullMarked
package io.wxpay4j.spring;

import org.jspecify.annotations.NullMarked;
