package io.wxpay4j.spring;

import io.wxpay4j.WechatPayClient;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers one {@link WechatPayClient} bean per configured merchant (and, with {@code
 * wxpay4j.simulator.enabled}, one simulator bean each): the top-level merchant as the primary bean
 * {@code wechatPayClient}, each {@code wxpay4j.merchants.<name>} as {@code <name>WechatPayClient}
 * qualified {@code @Qualifier("<name>")}. The clients themselves come from {@link
 * WechatPayClients}.
 */
final class WechatPayClientRegistrar implements BeanDefinitionRegistryPostProcessor {
  static final String SIMULATOR_CLASS = "io.wxpay4j.simulator.WechatPaySimulator";

  private final Environment environment;

  WechatPayClientRegistrar(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    WechatPayProperties properties =
        Binder.get(environment)
            .bind("wxpay4j", WechatPayProperties.class)
            .orElseGet(WechatPayProperties::new);
    BeanFactory beans = (BeanFactory) registry;
    boolean simulators =
        properties.getSimulator().isEnabled()
            && ClassUtils.isPresent(SIMULATOR_CLASS, getClass().getClassLoader());
    for (Map.Entry<String, MerchantProperties> e :
        WechatPayClients.configured(properties).entrySet()) {
      String name = e.getKey();
      boolean primary = name.equals(WechatPayClients.DEFAULT);
      RootBeanDefinition client =
          new RootBeanDefinition(
              WechatPayClient.class, () -> beans.getBean(WechatPayClients.class).get(name));
      client.setPrimary(primary);
      register(registry, client, primary ? "wechatPayClient" : name + "WechatPayClient", name);
      if (simulators) {
        RootBeanDefinition simulator =
            SimulatorSupport.definition(() -> beans.getBean(SimulatorSupport.class), name);
        simulator.setPrimary(primary);
        register(
            registry,
            simulator,
            primary ? "wechatPaySimulator" : name + "WechatPaySimulator",
            name);
      }
    }
  }

  private static void register(
      BeanDefinitionRegistry registry, RootBeanDefinition definition, String bean, String name) {
    definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
    // The clients are closed by WechatPayClients, which built them.
    definition.setDestroyMethodName(null);
    registry.registerBeanDefinition(bean, definition);
  }
}
