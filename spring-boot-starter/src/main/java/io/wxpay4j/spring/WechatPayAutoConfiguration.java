package io.wxpay4j.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.notify.NotificationDeduplicator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of wxpay4j (registered in {@code
 * META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}): a {@link
 * WechatPayClient} bean per merchant configured under {@code wxpay4j}, the {@link WechatPayClients}
 * that built them, and, where the application has what they need, the notification endpoints
 * (Spring MVC or WebFlux, on {@code wxpay4j.notify.path}), the Actuator health indicator {@code
 * wechatPay}, Micrometer meters ({@code wxpay4j.*}) and the simulators of {@code
 * wxpay4j.simulator.enabled=true}.
 *
 * <p>Beans the application defines are used: an {@link OkHttpClient} (its connection pool and
 * dispatcher are shared by every client) and a {@link NotificationDeduplicator} (else each endpoint
 * remembers the last 10,000 notification ids in memory).
 */
@AutoConfiguration
@ConditionalOnClass(WechatPayClient.class)
@EnableConfigurationProperties(WechatPayProperties.class)
public class WechatPayAutoConfiguration {
  /** Used by Spring. */
  public WechatPayAutoConfiguration() {}

  @Bean
  static WechatPayClientRegistrar wechatPayClientRegistrar(Environment environment) {
    return new WechatPayClientRegistrar(environment);
  }

  @Bean
  WechatPayClients wechatPayClients(
      WechatPayProperties properties,
      ResourceLoader resources,
      ApplicationEventPublisher publisher,
      ObjectProvider<OkHttpClient> http,
      ObjectProvider<WechatPayMeters> meters,
      ObjectProvider<NotificationDeduplicator> deduplicator,
      ObjectProvider<SimulatorSupport> simulators) {
    return new WechatPayClients(
        properties,
        resources,
        publisher,
        http.getIfUnique(),
        meters.getIfAvailable(),
        deduplicator.getIfUnique(),
        simulators.getIfAvailable());
  }

  static Map<String, NotificationEndpoint> endpoints(WechatPayClients clients) {
    Map<String, NotificationEndpoint> endpoints = new LinkedHashMap<>();
    for (WechatPayClients.Merchant merchant : clients.merchants()) {
      if (merchant.endpoint() != null) {
        endpoints.put(merchant.endpoint().path(), merchant.endpoint());
      }
    }
    return endpoints;
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
  static class ServletNotifications {
    @Bean
    ServletNotificationRoutes wechatPayNotificationRoutes(WechatPayClients clients) {
      return new ServletNotificationRoutes(endpoints(clients));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
  static class ReactiveNotifications {
    @Bean
    ReactiveNotificationRoutes wechatPayReactiveNotificationRoutes(WechatPayClients clients) {
      return new ReactiveNotificationRoutes(endpoints(clients));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean
    WechatPayMeters wechatPayMeters(ObjectProvider<MeterRegistry> registry) {
      // Resolved on each use: the registry may be created after the clients.
      return new WechatPayMeters() {
        @Override
        public void call(
            String merchant, String operation, String outcome, long nanos, int retries) {
          MeterRegistry r = registry.getIfAvailable();
          if (r != null) {
            new MicrometerMeters(r).call(merchant, operation, outcome, nanos, retries);
          }
        }

        @Override
        public void verificationFailure(String merchant, String source) {
          MeterRegistry r = registry.getIfAvailable();
          if (r != null) {
            new MicrometerMeters(r).verificationFailure(merchant, source);
          }
        }

        @Override
        public void notification(String merchant, int status) {
          MeterRegistry r = registry.getIfAvailable();
          if (r != null) {
            new MicrometerMeters(r).notification(merchant, status);
          }
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot3Health {
    @Bean
    Boot3HealthIndicator wechatPayHealthIndicator(WechatPayClients clients) {
      return new Boot3HealthIndicator(new WechatPayHealth(clients, Clock.systemUTC()));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot4Health {
    @Bean
    Boot4HealthIndicator wechatPayHealthIndicator(WechatPayClients clients) {
      return new Boot4HealthIndicator(new WechatPayHealth(clients, Clock.systemUTC()));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "wxpay4j.simulator", name = "enabled", havingValue = "true")
  static class Simulators {
    @Bean
    SimulatorSupport wechatPaySimulators(Environment environment) {
      if (!ClassUtils.isPresent(
          WechatPayClientRegistrar.SIMULATOR_CLASS, Simulators.class.getClassLoader())) {
        throw new WechatPayConfigurationException(
            "wxpay4j.simulator.enabled=true needs the simulator: add io.wxpay4j:wxpay4j-simulator in"
                + " test scope (and never set this property outside tests)");
      }
      return new SimulatorSupport(environment);
    }
  }
}
