package io.wxpay4j;

import io.wxpay4j.simulator.SimulatorMerchant;
import io.wxpay4j.simulator.WechatPaySimulator;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import mockwebserver3.MockWebServer;

/** Clients for tests whose requests are refused before sending: one RSA key pair for them all. */
final class LocalClients {
  private static final KeyPair KEYS = generate();

  private LocalClients() {}

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A client of merchant 1900000109 with appid wxd678efh567hg6787 whose base URL is {@code server}.
   */
  static WechatPayClient forServer(MockWebServer server) {
    return WechatPayClient.builder()
        .merchantId("1900000109")
        .merchantKey("5157F09EFDC096DE15EBE81A47057A7232F1B8E1", KEYS.getPrivate())
        .platformPublicKey("PUB_KEY_ID_0000000000000024101100397200000006", KEYS.getPublic())
        .appId("wxd678efh567hg6787")
        .notifyUrl("https://example.com/wechatpay/notify")
        .baseUrl(server.url("/").toString())
        .build();
  }

  /**
   * A client of the simulator's merchant (with its APIv3 key) whose orders notify {@code
   * notifyUrl}.
   */
  static WechatPayClient forSimulator(WechatPaySimulator simulator, String notifyUrl) {
    SimulatorMerchant merchant = simulator.merchant();
    return WechatPayClient.builder()
        .merchantId(merchant.merchantId())
        .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
        .platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey())
        .apiV3Key(merchant.apiV3Key())
        .appId(merchant.appId())
        .notifyUrl(notifyUrl)
        .baseUrl(simulator.baseUrl())
        .build();
  }
}
