package io.wxpay4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.spring.WechatPayAutoConfiguration;
import io.wxpay4j.spring.WechatPayClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Properties to clients without a web server: one or several merchants, keys from PEM text or a
 * resource location, the application's OkHttpClient shared, and bad settings that stop startup
 * with a message naming the property.
 */
class ConfigurationTest {
  private static final KeyPair MERCHANT = rsa();
  private static final KeyPair WECHAT_PAY = rsa();
  private static final String PRIVATE_KEY = pem("PRIVATE KEY", MERCHANT.getPrivate().getEncoded());
  private static final String PUBLIC_KEY = pem("PUBLIC KEY", WECHAT_PAY.getPublic().getEncoded());
  private static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  private static final String PUB_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";
  private static final String API_V3_KEY = "0123456789abcdefghijABCDEFGHIJ01";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(WechatPayAutoConfiguration.class));

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static String[] merchant(String prefix, String merchantId) {
    return new String[] {
      prefix + "merchant-id=" + merchantId,
      prefix + "merchant-serial=" + SERIAL,
      prefix + "private-key=" + PRIVATE_KEY,
      prefix + "public-key-id=" + PUB_KEY_ID,
      prefix + "public-key=" + PUBLIC_KEY,
      prefix + "api-v3-key=" + API_V3_KEY,
      prefix + "app-id=wxd678efh567hg6787",
      prefix + "notify-url=https://shop.example.com/wechatpay/notify"
    };
  }

  @Test
  void singleMerchantIsThePrimaryClient() {
    runner
        .withPropertyValues(merchant("wxpay4j.", "1900000109"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(WechatPayClient.class);
              assertThat(context.getBean(WechatPayClient.class).merchantId())
                  .isEqualTo("1900000109");
              assertThat(context.getBean(WechatPayClients.class).names()).containsExactly("default");
            });
  }

  @Test
  void severalMerchantsAreOneBeanEachByName() {
    runner
        .withPropertyValues(merchant("wxpay4j.merchants.shop-a.", "1900000109"))
        .withPropertyValues(merchant("wxpay4j.merchants.shop-b.", "1900000110"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBeansOfType(WechatPayClient.class))
                  .containsOnlyKeys("shop-aWechatPayClient", "shop-bWechatPayClient");
              WechatPayClients clients = context.getBean(WechatPayClients.class);
              assertThat(clients.get("shop-b").merchantId()).isEqualTo("1900000110");
              assertThat(context.getBean("shop-aWechatPayClient", WechatPayClient.class))
                  .isSameAs(clients.get("shop-a"));
            });
  }

  @Test
  void applicationsOkHttpClientIsShared() {
    OkHttpClient shared = new OkHttpClient();
    runner
        .withBean(OkHttpClient.class, () -> shared)
        .withPropertyValues(merchant("wxpay4j.", "1900000109"))
        .run(
            context -> {
              OkHttpClient used = context.getBean(WechatPayClient.class).okHttpClient();
              assertThat(used.connectionPool()).isSameAs(shared.connectionPool());
              assertThat(used.dispatcher()).isSameAs(shared.dispatcher());
            });
  }

  @Test
  void privateKeyFromAFileLocation(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("apiclient_key.pem"), PRIVATE_KEY);
    runner
        .withPropertyValues(merchant("wxpay4j.", "1900000109"))
        .withPropertyValues("wxpay4j.private-key=file:" + key)
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(WechatPayClient.class));
  }

  @Test
  void badMerchantIdNamesTheProperty() {
    assertStartupFails(
        "wxpay4j.merchant-id must be the merchant ID (商户号)", "wxpay4j.merchant-id=19000-00109");
  }

  @Test
  void missingPrivateKeyNamesTheProperty() {
    assertStartupFails("wxpay4j.private-key is required", "wxpay4j.private-key=");
  }

  @Test
  void missingKeyFileNamesThePropertyAndTheLocation() {
    assertStartupFails(
        "wxpay4j.private-key: nothing at file:/nonexistent/apiclient_key.pem",
        "wxpay4j.private-key=file:/nonexistent/apiclient_key.pem");
  }

  @Test
  void keyWithoutPemHeaderIsNotEchoed() {
    String body = PRIVATE_KEY.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    runner
        .withPropertyValues(merchant("wxpay4j.", "1900000109"))
        .withPropertyValues("wxpay4j.private-key=" + body)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("wxpay4j.private-key is neither PEM text")
                    .hasMessageNotContaining(body));
  }

  @Test
  void severalMerchantsWithTheTopLevelOneInjectThePrimary() {
    runner
        .withPropertyValues(merchant("wxpay4j.", "1900000109"))
        .withPropertyValues(merchant("wxpay4j.merchants.shop-b.", "1900000110"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(WechatPayClient.class).merchantId())
                  .isEqualTo("1900000109");
            });
  }

  @Test
  void shortApiV3KeyNamesThePropertyNotTheSetter() {
    assertStartupFails("wxpay4j.api-v3-key", "wxpay4j.api-v3-key=too-short");
  }

  @Test
  void notifyPathWithoutApiV3KeyNamesBoth() {
    runner
        .withPropertyValues(merchant("wxpay4j.merchants.shop.", "1900000109"))
        .withPropertyValues(
            "wxpay4j.merchants.shop.api-v3-key=", "wxpay4j.merchants.shop.notify.path=/notify")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("wxpay4j.merchants.shop.api-v3-key is required by")
                    .hasMessageContaining("wxpay4j.merchants.shop.notify.path"));
  }

  @Test
  void noVerificationSourceNamesTheProperties() {
    assertStartupFails(
        "set wxpay4j.public-key-id and wxpay4j.public-key", "wxpay4j.public-key-id=", "wxpay4j.public-key=");
  }

  @Test
  void httpNotifyUrlForARealHostNamesTheProperty() {
    assertStartupFails("wxpay4j.notify-url", "wxpay4j.notify-url=http://shop.example.com/notify");
  }

  private void assertStartupFails(String message, String... overrides) {
    runner
        .withPropertyValues(merchant("wxpay4j.", "1900000109"))
        .withPropertyValues(overrides)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context)
                  .getFailure()
                  .rootCause()
                  .hasMessageContaining(message)
                  .hasMessageNotContaining("(...)")
                  .hasMessageNotContaining("BEGIN PRIVATE KEY");
            });
  }
}
