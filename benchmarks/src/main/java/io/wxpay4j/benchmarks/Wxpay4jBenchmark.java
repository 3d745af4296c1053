package io.wxpay4j.benchmarks;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.model.TradeState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** wxpay4j through its facade: sign, send, verify, decode, exactly as user code calls it. */
@State(Scope.Benchmark)
public class Wxpay4jBenchmark {
  /** {@code jdk} or {@code native} (Amazon Corretto Crypto Provider). */
  @Param({"jdk", "native"})
  public String provider = "jdk";

  private WechatPayClient client;

  @Setup
  public void setUp() {
    client = Fixtures.wxpay4j(Fixtures.cryptoProvider(provider));
  }

  @TearDown
  public void tearDown() {
    client.close();
  }

  /** JSAPI prepay; returns the prepay_id. */
  @Benchmark
  public String prepay() {
    return client.orders().prepayJsapi(Fixtures.ORDER).body().getPrepayId();
  }

  /** Query by out_trade_no; returns the trade state. */
  @Benchmark
  public TradeState query() {
    return client.orders().queryByOutTradeNo(Fixtures.OUT_TRADE_NO).body().getTradeState();
  }
}
