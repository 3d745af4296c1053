package io.wxpay4j.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shop on Spring Boot: {@code POST /checkout} places a Native order, the starter's endpoint at
 * {@code wxpay4j.notify.path} receives the payment notification, {@link PaymentListener} marks
 * the order paid. Configure the merchant with {@code wxpay4j.*} properties (see
 * application.properties), e.g. from the environment.
 */
@SpringBootApplication
public class CheckoutApplication {
  public static void main(String[] args) {
    SpringApplication.run(CheckoutApplication.class, args);
  }
}
