/**
 * A local WeChat Pay API v3 server (微信支付 APIv3 模拟器) for development and tests.
 *
 * <p>Public API: {@link io.wxpay4j.simulator.WechatPaySimulator} (embedded server, control methods
 * and the standalone {@code main}), {@link io.wxpay4j.simulator.SimulatorMerchant} (the test
 * merchant's credentials), {@link io.wxpay4j.simulator.WechatPaySimulatorExtension} (JUnit 5), and
 * the small value types returned by the control methods. Everything else in this package is an
 * implementation detail.
 *
 * <p>The simulator signs, verifies and encrypts with the JDK and Bouncy Castle directly. It never
 * uses the wxpay4j client's signing code, so that a symmetric bug cannot cancel itself out.
 */
@NullMarked
package io.wxpay4j.simulator;

import org.jspecify.annotations.NullMarked;
