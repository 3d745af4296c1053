package io.wxpay4j.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code wxpay4j.*} properties: one merchant at the top level ({@code wxpay4j.merchant-id}, …),
 * which gives the primary {@code WechatPayClient} bean, and/or several under {@code
 * wxpay4j.merchants.<name>.*}, one bean each, qualified by name. Each merchant's settings stand
 * alone: nothing is inherited from the top level.
 */
@ConfigurationProperties(prefix = "wxpay4j")
public class WechatPayProperties extends MerchantProperties {
  private Map<String, MerchantProperties> merchants = new LinkedHashMap<>();
  private final Simulator simulator = new Simulator();

  /** Several merchants by name: {@code wxpay4j.merchants.<name>.merchant-id} and so on. */
  public Map<String, MerchantProperties> getMerchants() {
    return merchants;
  }

  public void setMerchants(Map<String, MerchantProperties> merchants) {
    this.merchants = merchants;
  }

  /** Tests: clients pointed at embedded simulators. */
  public Simulator getSimulator() {
    return simulator;
  }

  /**
   * Tests only: {@code wxpay4j.simulator.enabled=true} starts one embedded WeChat Pay simulator per
   * merchant (wxpay4j-simulator in test scope) and points the clients at it with its TEST-ONLY
   * keys; merchant-id and app-id are kept if set, key settings ignored. Notifications reach the
   * application's endpoint over loopback HTTP.
   */
  public static class Simulator {
    private boolean enabled;

    /** Whether the clients talk to embedded simulators instead of WeChat Pay. */
    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
