package io.wxpay4j.simulator;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs one {@link WechatPaySimulator} per test class, {@linkplain
 * WechatPaySimulator#reset() resets} it before each test, closes it after the class, and injects it
 * (or its {@link SimulatorMerchant}) into test constructors, test methods and lifecycle methods.
 *
 * <pre>{@code
 * @ExtendWith(WechatPaySimulatorExtension.class)
 * class CheckoutFunctionalTest {
 *   @Test
 *   void paidOrderIsNotified(WechatPaySimulator simulator, SimulatorMerchant merchant) { … }
 * }
 *
 * // or, to configure it:
 * @RegisterExtension
 * static final WechatPaySimulatorExtension SIMULATOR =
 *     WechatPaySimulatorExtension.create(builder -> builder.publicKeyOnly(true));
 * }</pre>
 *
 * <p>Needs {@code org.junit.jupiter:junit-jupiter-api} on the test classpath (an optional
 * dependency of this artifact).
 */
public final class WechatPaySimulatorExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(WechatPaySimulatorExtension.class);

  private final Consumer<WechatPaySimulator.Builder> configuration;

  /** For {@code @ExtendWith}: a default simulator. */
  public WechatPaySimulatorExtension() {
    this(builder -> {});
  }

  private WechatPaySimulatorExtension(Consumer<WechatPaySimulator.Builder> configuration) {
    this.configuration = configuration;
  }

  /** For {@code @RegisterExtension}: a simulator configured by {@code configuration}. */
  public static WechatPaySimulatorExtension create(
      Consumer<WechatPaySimulator.Builder> configuration) {
    return new WechatPaySimulatorExtension(
        Objects.requireNonNull(configuration, "configuration == null"));
  }

  /**
   * The simulator of the test class running now (for {@code @RegisterExtension} fields).
   *
   * @throws IllegalStateException outside a test class's lifecycle
   */
  public WechatPaySimulator simulator() {
    Holder holder = current;
    if (holder == null) {
      throw new IllegalStateException("no simulator yet: the test class has not started");
    }
    return holder.simulator;
  }

  private volatile Holder current;

  @Override
  public void beforeAll(ExtensionContext context) {
    current = holder(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Holder holder = holder(context);
    current = holder;
    holder.simulator.reset();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == WechatPaySimulator.class || type == SimulatorMerchant.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    WechatPaySimulator simulator = holder(context).simulator;
    return parameter.getParameter().getType() == SimulatorMerchant.class
        ? simulator.merchant()
        : simulator;
  }

  private Holder holder(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            Holder.class,
            key -> {
              WechatPaySimulator.Builder builder = WechatPaySimulator.builder();
              configuration.accept(builder);
              return new Holder(builder.start());
            },
            Holder.class);
  }

  /** Closes the simulator when JUnit closes the class's store. */
  private static final class Holder
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final WechatPaySimulator simulator;

    Holder(WechatPaySimulator simulator) {
      this.simulator = simulator;
    }

    @Override
    public void close() {
      simulator.close();
    }
  }
}
