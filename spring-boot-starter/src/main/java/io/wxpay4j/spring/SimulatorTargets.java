package io.wxpay4j.spring;

/**
 * Points merchants at embedded simulators (tests): implemented where the simulator's classes are
 * known, so that nothing else loads them.
 */
interface SimulatorTargets extends AutoCloseable {
  /** The settings that make {@code configured}'s client talk to its simulator. */
  MerchantProperties pointAt(String name, MerchantProperties configured);

  @Override
  void close();
}
