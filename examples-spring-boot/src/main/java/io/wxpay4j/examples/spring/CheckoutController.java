package io.wxpay4j.examples.spring;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.model.Amount;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Places orders with WeChat Pay and shows their state. */
@RestController
public class CheckoutController {
  /** What the browser gets: the order number and the code_url to show as a QR code. */
  public record Checkout(String outTradeNo, String codeUrl) {}

  private final WechatPayClient wechatPay;
  private final ShopOrders orders;

  CheckoutController(WechatPayClient wechatPay, ShopOrders orders) {
    this.wechatPay = wechatPay;
    this.orders = orders;
  }

  // region spring-checkout
  @PostMapping("/checkout")
  Checkout checkout(@RequestParam int totalFen) {
    String outTradeNo = "SHOP" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    orders.placed(outTradeNo, totalFen);
    String codeUrl =
        wechatPay.orders()
            .prepayNative(order -> order
                .description("wxpay4j Spring Boot shop")
                .outTradeNo(outTradeNo)
                .amount(Amount.builder().total(totalFen).build())) // appid, mchid, notify_url: from wxpay4j.*
            .body()
            .getCodeUrl();
    return new Checkout(outTradeNo, codeUrl);
  }
  // endregion

  @GetMapping("/orders/{outTradeNo}")
  ResponseEntity<ShopOrders.ShopOrder> order(@PathVariable String outTradeNo) {
    return ResponseEntity.of(orders.find(outTradeNo));
  }
}
