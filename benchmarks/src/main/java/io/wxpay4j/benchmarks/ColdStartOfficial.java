package io.wxpay4j.benchmarks;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.util.PemUtil;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The same first program as {@link ColdStartWxpay4j} with the official {@code wechatpay-java}
 * 0.2.17 in public-key mode (its response verification on), as its README builds it: keys read with
 * its {@code PemUtil}, an {@code RSAPublicKeyConfig}, a {@code JsapiService}. It only knows
 * WeChat's https hosts, so its {@code OkHttpClient} carries an application interceptor that points
 * each call at the simulator (the one difference from what its users write). References the
 * official SDK only.
 */
final class ColdStartOfficial {
  private ColdStartOfficial() {}

  public static void main(String[] args) {
    ColdStartClock clock = ColdStartClock.start();
    Path state = Path.of(args[1]);
    PrivateKey merchantKey =
        PemUtil.loadPrivateKeyFromPath(state.resolve("apiclient_key.pem").toString());
    PublicKey wechatPayKey = PemUtil.loadPublicKeyFromPath(state.resolve("pub_key.pem").toString());
    clock.mark("keys");

    Config config =
        new RSAPublicKeyConfig.Builder()
            .merchantId(args[2])
            .privateKey(merchantKey)
            .merchantSerialNumber(args[3])
            .publicKey(wechatPayKey)
            .publicKeyId(args[4])
            .apiV3Key(args[5])
            .build();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(new ToSimulator(HttpUrl.get(args[0])))
            .addNetworkInterceptor(clock.wire())
            .build();
    JsapiService service =
        new JsapiService.Builder()
            .httpClient(new DefaultHttpClientBuilder().config(config).okHttpClient(http).build())
            .build();
    clock.mark("client");

    PrepayRequest request = new PrepayRequest();
    request.setAppid(args[6]);
    request.setMchid(args[2]);
    request.setDescription(Fixtures.DESCRIPTION);
    request.setOutTradeNo(args[7]);
    request.setNotifyUrl(Fixtures.NOTIFY_URL);
    Amount amount = new Amount();
    amount.setTotal(100);
    amount.setCurrency("CNY");
    request.setAmount(amount);
    Payer payer = new Payer();
    payer.setOpenid(Fixtures.OPENID);
    request.setPayer(payer);
    String prepayId = service.prepay(request).getPrepayId();
    clock.mark("verified");
    clock.print(prepayId);
  }

  /** Sends each call to the simulator's host and port instead of WeChat Pay's. */
  private static final class ToSimulator implements Interceptor {
    private final HttpUrl base;

    ToSimulator(HttpUrl base) {
      this.base = base;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      HttpUrl url =
          chain
              .request()
              .url()
              .newBuilder()
              .scheme(base.scheme())
              .host(base.host())
              .port(base.port())
              .build();
      return chain.proceed(chain.request().newBuilder().url(url).build());
    }
  }
}
