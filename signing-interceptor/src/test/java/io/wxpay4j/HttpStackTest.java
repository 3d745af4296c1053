package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.auth.WechatPaySignatureInterceptor;
import io.wxpay4j.internal.SharedHttp;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** What a client's one {@link OkHttpClient} is made of, and what it shares with other clients. */
final class HttpStackTest {
  private static final KeyPair KEYS = generate();
  private static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  private static final String PUB_KEY_ID = "PUB_KEY_ID_0000000000000024101100397200000006";

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static WechatPayClientBuilder builder() {
    return WechatPayClient.builder()
        .merchantId("1900000109")
        .merchantKey(SERIAL, KEYS.getPrivate())
        .platformPublicKey(PUB_KEY_ID, KEYS.getPublic());
  }

  private static List<Class<?>> types(List<Interceptor> interceptors) {
    return interceptors.stream().<Class<?>>map(Object::getClass).toList();
  }

  @Test
  void retriesThenFailoverThenSigningWithoutOkHttpsOwnResend() {
    try (WechatPayClient client = builder().readTimeout(Duration.ofSeconds(3)).build()) {
      OkHttpClient http = client.okHttpClient();
      assertThat(types(http.interceptors()))
          .containsExactly(
              RetryInterceptor.class, HostFailover.class, WechatPaySignatureInterceptor.class);
      assertThat(http.retryOnConnectionFailure()).isFalse();
      assertThat(http.readTimeoutMillis()).isEqualTo(3_000);
    }
  }

  @Test
  void withoutAnOkHttpClientEveryClientSharesTheDefaultPoolAndDispatcher() {
    try (WechatPayClient first = builder().build();
        WechatPayClient second = builder().merchantId("1230000109").build()) {
      OkHttpClient shared = SharedHttp.client();
      for (WechatPayClient client : List.of(first, second)) {
        assertThat(client.okHttpClient()).isNotSameAs(shared);
        assertThat(client.okHttpClient().connectionPool()).isSameAs(shared.connectionPool());
        assertThat(client.okHttpClient().dispatcher()).isSameAs(shared.dispatcher());
      }
      assertThat(shared.interceptors()).isEmpty();
    }
  }

  @Test
  void theUsersClientIsSharedAfterItsOwnInterceptorsAndNeverChanged() {
    Interceptor logging = chain -> chain.proceed(chain.request());
    OkHttpClient users = new OkHttpClient.Builder().addInterceptor(logging).build();
    try (WechatPayClient client = builder().okHttpClient(users).disableFailover().build()) {
      OkHttpClient http = client.okHttpClient();
      assertThat(http.connectionPool()).isSameAs(users.connectionPool());
      assertThat(http.dispatcher()).isSameAs(users.dispatcher());
      assertThat(http.interceptors().get(0)).isSameAs(logging);
      assertThat(types(http.interceptors().subList(1, 3)))
          .containsExactly(RetryInterceptor.class, WechatPaySignatureInterceptor.class);
    }
    assertThat(users.interceptors()).containsExactly(logging);
    assertThat(users.retryOnConnectionFailure()).isTrue();
    assertThat(users.dispatcher().executorService().isShutdown()).isFalse();
  }
}
