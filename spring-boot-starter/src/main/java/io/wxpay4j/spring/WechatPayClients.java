package io.wxpay4j.spring;

import io.wxpay4j.WechatPayClient;
import io.wxpay4j.auth.ApiV3Key;
import io.wxpay4j.internal.SharedHttp;
import io.wxpay4j.notify.NotificationDeduplicator;
import io.wxpay4j.notify.NotificationParser;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ResourceLoader;

/**
 * Every merchant's {@link WechatPayClient}, by name: {@value #DEFAULT} for the one configured at
 * the top level ({@code wxpay4j.merchant-id}, the primary bean), and the names under {@code
 * wxpay4j.merchants}. Each client is also a bean of its own ({@code @Qualifier("<name>")}); this
 * bean is for looking one up by a name known at run time.
 *
 * <pre>{@code
 * WechatPayClient shop = clients.get("shop-a");   // wxpay4j.merchants.shop-a.*
 * }</pre>
 *
 * <p>All clients are built when the application starts, so a bad setting stops it with a message
 * naming the property. They share the application's {@code OkHttpClient} bean when there is one.
 */
public final class WechatPayClients implements DisposableBean {
  /** The name of the merchant configured at the top level of {@code wxpay4j}. */
  public static final String DEFAULT = "default";

  /** What the starter keeps of one merchant. */
  record Merchant(
      String name,
      String prefix,
      WechatPayClient client,
      Observations observations,
      @Nullable NotificationEndpoint endpoint) {}

  private final Map<String, Merchant> merchants;
  private final @Nullable SimulatorTargets simulators;

  WechatPayClients(
      WechatPayProperties properties,
      ResourceLoader resources,
      ApplicationEventPublisher publisher,
      @Nullable OkHttpClient http,
      @Nullable WechatPayMeters meters,
      @Nullable NotificationDeduplicator deduplicator,
      @Nullable SimulatorTargets simulators) {
    this.simulators = simulators;
    ClientFactory factory = new ClientFactory(resources);
    OkHttpClient base = http != null ? http : SharedHttp.client();
    Map<String, Merchant> built = new LinkedHashMap<>();
    Set<String> paths = new LinkedHashSet<>();
    try {
      for (Map.Entry<String, MerchantProperties> e : configured(properties).entrySet()) {
        String name = e.getKey();
        String prefix = prefix(name);
        MerchantProperties p =
            simulators != null ? simulators.pointAt(name, e.getValue()) : e.getValue();
        Observations observations = new Observations(name, meters, Clock.systemUTC());
        OkHttpClient observed =
            base.newBuilder()
                .addInterceptor(new CallObserver(observations))
                .addNetworkInterceptor(CallObserver.attempts())
                .build();
        WechatPayClient client = factory.build(prefix, p, observed);
        NotificationEndpoint endpoint = null;
        String path = p.getNotify().getPath();
        if (path != null) {
          if (!path.startsWith("/")) {
            throw new WechatPayConfigurationException(
                prefix + "notify.path must start with '/', e.g. /wechatpay/notify; was " + path);
          }
          if (!paths.add(path)) {
            throw new WechatPayConfigurationException(
                prefix + "notify.path " + path + " is another merchant's too: give each its own");
          }
          endpoint =
              new NotificationEndpoint(
                  path,
                  p.getNotify().getMaxBodyBytes(),
                  parser(prefix, p, client, deduplicator),
                  publisher,
                  observations);
        }
        built.put(name, new Merchant(name, prefix, client, observations, endpoint));
      }
    } catch (RuntimeException e) {
      built.values().forEach(m -> m.client().close());
      if (simulators != null) {
        simulators.close();
      }
      throw e;
    }
    this.merchants = Collections.unmodifiableMap(built);
  }

  private static NotificationParser parser(
      String prefix,
      MerchantProperties p,
      WechatPayClient client,
      @Nullable NotificationDeduplicator deduplicator) {
    Set<String> appIds = new LinkedHashSet<>(p.getAppIds());
    if (p.getAppId() != null) {
      appIds.add(p.getAppId());
    }
    NotificationParser.Builder parser =
        NotificationParser.builder()
            .verifier(client.verifier())
            .apiV3Key(ApiV3Key.of(Objects.requireNonNull(p.getApiV3Key())))
            .merchantId(client.merchantId())
            .appIds(appIds);
    try {
      parser.maxBodyBytes(p.getNotify().getMaxBodyBytes());
    } catch (IllegalArgumentException e) {
      throw new WechatPayConfigurationException(
          prefix + "notify.max-body-bytes must be positive, was " + p.getNotify().getMaxBodyBytes(),
          e);
    }
    if (deduplicator != null) {
      parser.deduplicator(deduplicator);
    }
    return parser.build();
  }

  /**
   * The merchants configured, by name: the top-level one ({@value #DEFAULT}) if any of its settings
   * is present (or simulators are on and no merchant is named), then {@code merchants}.
   */
  static Map<String, MerchantProperties> configured(WechatPayProperties p) {
    Map<String, MerchantProperties> result = new LinkedHashMap<>();
    boolean topLevel =
        p.getMerchantId() != null
            || p.getMerchantSerial() != null
            || p.getPrivateKey() != null
            || p.getPublicKeyId() != null
            || p.getPublicKey() != null
            || p.getApiV3Key() != null
            || (p.getSimulator().isEnabled() && p.getMerchants().isEmpty());
    if (topLevel) {
      result.put(DEFAULT, p);
    }
    for (Map.Entry<String, MerchantProperties> e : p.getMerchants().entrySet()) {
      if (e.getKey().equals(DEFAULT)) {
        throw new WechatPayConfigurationException(
            "wxpay4j.merchants.default: the name 'default' is the top-level merchant's"
                + " (wxpay4j.merchant-id); choose another name");
      }
      result.put(e.getKey(), e.getValue());
    }
    return result;
  }

  /** The property prefix of merchant {@code name}. */
  static String prefix(String name) {
    return name.equals(DEFAULT) ? "wxpay4j." : "wxpay4j.merchants." + name + ".";
  }

  /**
   * The client of merchant {@code name}.
   *
   * @throws IllegalArgumentException naming the merchants there are, if none has that name
   */
  public WechatPayClient get(String name) {
    Merchant merchant = merchants.get(name);
    if (merchant == null) {
      throw new IllegalArgumentException(
          "no WeChat Pay merchant named '"
              + name
              + "': configured are "
              + merchants.keySet()
              + " (wxpay4j.merchants.<name>.*, or 'default' for wxpay4j.merchant-id)");
    }
    return merchant.client();
  }

  /** The merchants' names, in the order configured. */
  public Set<String> names() {
    return merchants.keySet();
  }

  List<Merchant> merchants() {
    return List.copyOf(merchants.values());
  }

  /** Cancels the clients' certificate refreshes and stops the simulators, if any. */
  @Override
  public void destroy() {
    merchants.values().forEach(m -> m.client().close());
    if (simulators != null) {
      simulators.close();
    }
  }

  @Override
  public String toString() {
    return "WechatPayClients" + merchants.keySet();
  }
}
