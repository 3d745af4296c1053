package io.wxpay4j.spring.boot;

import io.wxpay4j.notify.PaymentSucceeded;
import io.wxpay4j.notify.RefundEvent;
import io.wxpay4j.notify.WechatPayEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * The application under test: nothing but Spring Boot's auto-configuration (which finds the
 * starter) and listeners of the typed events, as an application writes them.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestShop {
  /** Orders whose payment listener fails: WeChat Pay must get a 500 and send it again. */
  static final String FAILING_PREFIX = "FAIL";

  @Bean
  Paid paid() {
    return new Paid();
  }

  /** Records the verified events that reached the application. */
  static final class Paid {
    final List<PaymentSucceeded> payments = new CopyOnWriteArrayList<>();
    final List<WechatPayEvent> all = new CopyOnWriteArrayList<>();

    @EventListener
    void on(PaymentSucceeded event) {
      if (event.transaction().getOutTradeNo().startsWith(FAILING_PREFIX)) {
        throw new IllegalStateException("the order database is down");
      }
      payments.add(event);
    }

    @EventListener
    void any(WechatPayEvent event) {
      all.add(event);
    }

    @EventListener
    void on(RefundEvent event) {}
  }
}
