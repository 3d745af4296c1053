package io.wxpay4j.benchmarks;

import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The official {@code wechatpay-java} 0.2.17 in public-key mode with its response verification on,
 * JDK crypto (it creates a {@code Signature} per call and has no provider setting).
 */
@State(Scope.Benchmark)
public class OfficialBenchmark {
  private JsapiService service;

  @Setup
  public void setUp() {
    service = Fixtures.official();
  }

  /** JSAPI prepay with the same order as wxpay4j's; returns the prepay_id. */
  @Benchmark
  public String prepay() {
    PrepayRequest request = new PrepayRequest();
    request.setAppid(Fixtures.APP_ID);
    request.setMchid(Fixtures.MERCHANT_ID);
    request.setDescription(Fixtures.DESCRIPTION);
    request.setOutTradeNo(Fixtures.OUT_TRADE_NO);
    request.setNotifyUrl(Fixtures.NOTIFY_URL);
    Amount amount = new Amount();
    amount.setTotal(100);
    amount.setCurrency("CNY");
    request.setAmount(amount);
    Payer payer = new Payer();
    payer.setOpenid(Fixtures.OPENID);
    request.setPayer(payer);
    return service.prepay(request).getPrepayId();
  }

  /** Query by out_trade_no; returns the trade state. */
  @Benchmark
  public Transaction.TradeStateEnum query() {
    QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
    request.setMchid(Fixtures.MERCHANT_ID);
    request.setOutTradeNo(Fixtures.OUT_TRADE_NO);
    return service.queryOrderByOutTradeNo(request).getTradeState();
  }
}
