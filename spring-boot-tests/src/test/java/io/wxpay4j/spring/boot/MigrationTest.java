package io.wxpay4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import io.wxpay4j.WechatPayClient;
import io.wxpay4j.auth.Pem;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * An application half-way from wechatpay-java to wxpay4j: both SDKs in one JVM, under Spring
 * Boot's dependency management and wxpay4j-bom, on one OkHttp (5.x): an order the official SDK
 * placed is paid and queried through wxpay4j.
 */
class MigrationTest {
  @Test
  void bothSdksRunOnOneOkHttp5() throws Exception {
    List<URL> okHttp =
        Collections.list(getClass().getClassLoader().getResources("okhttp3/OkHttp.class"));
    assertThat(okHttp).as("jars holding okhttp3.OkHttp").hasSize(1);
    assertThat(okHttp.get(0).toString()).contains("okhttp-jvm-5.");

    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      SimulatorMerchant m = simulator.merchant();
      String apiclientKeyPem = m.merchantPrivateKeyPem();
      String pubKeyPem = m.wechatPayPublicKeyPem();

      // region migrate-theirs
      Config config =
          new RSAPublicKeyConfig.Builder()
              .merchantId(m.merchantId())
              .merchantSerialNumber(m.merchantSerialNumber())
              .privateKey(apiclientKeyPem)
              .publicKeyId(m.wechatPayPublicKeyId())
              .publicKey(pubKeyPem)
              .apiV3Key(m.apiV3Key())
              .build();
      // endregion
      NativePayService theirs =
          new NativePayService.Builder()
              .httpClient(
                  new DefaultHttpClientBuilder()
                      .config(config)
                      .okHttpClient(redirectedTo(simulator.baseUrl()))
                      .build())
              .build();
      PrepayRequest request = new PrepayRequest();
      request.setAppid(m.appId());
      request.setMchid(m.merchantId());
      request.setDescription("placed by wechatpay-java");
      request.setOutTradeNo("MIGRATE_0001");
      request.setNotifyUrl("http://127.0.0.1:9/notify");
      com.wechat.pay.java.service.payments.nativepay.model.Amount amount =
          new com.wechat.pay.java.service.payments.nativepay.model.Amount();
      amount.setTotal(1);
      request.setAmount(amount);
      String codeUrl = theirs.prepay(request).getCodeUrl();
      simulator.payByCodeUrl(codeUrl);

      // region migrate-ours
      WechatPayClient wechatPay =
          WechatPayClient.builder()
              .merchantId(m.merchantId())
              .merchantKey(m.merchantSerialNumber(), Pem.parsePrivateKey(apiclientKeyPem))
              .platformPublicKey(m.wechatPayPublicKeyId(), Pem.parsePublicKey(pubKeyPem))
              .apiV3Key(m.apiV3Key())
              .baseUrl(simulator.baseUrl()) // leave out for api.mch.weixin.qq.com
              .build();
      // endregion
      try (wechatPay) {
        Transaction paid = wechatPay.orders().queryByOutTradeNo("MIGRATE_0001").body();
        assertThat(paid.getTradeState().toString()).isEqualTo("SUCCESS");
        assertThat(paid.getAmount().getTotal()).isEqualTo(1);
      }
    }
  }

  /** wechatpay-java knows only WeChat Pay's hosts: its calls are sent to the simulator instead. */
  private static OkHttpClient redirectedTo(String baseUrl) {
    HttpUrl base = HttpUrl.get(baseUrl);
    return new OkHttpClient.Builder()
        .addInterceptor(
            chain ->
                chain.proceed(
                    chain
                        .request()
                        .newBuilder()
                        .url(
                            chain
                                .request()
                                .url()
                                .newBuilder()
                                .scheme("http")
                                .host(base.host())
                                .port(base.port())
                                .build())
                        .build()))
        .build();
  }
}
