/**
 * The wxpay4j facade: {@link io.wxpay4j.WechatPayClient}, one per merchant, with its API families
 * ({@link io.wxpay4j.Orders}, {@link io.wxpay4j.PartnerOrders}, {@link io.wxpay4j.Combine}, {@link
 * io.wxpay4j.Refunds}, {@link io.wxpay4j.PartnerRefunds}), their results, the retry policy, WeChat
 * Pay's error body ({@link io.wxpay4j.WechatPayErrorResponse}) and the unchecked {@link
 * io.wxpay4j.WechatPayException} hierarchy.
 *
 * <p>Request and response types are the generated models of {@code io.wxpay4j.model}. Signing,
 * verification and keys live in {@code io.wxpay4j.auth}, notifications in {@code
 * io.wxpay4j.notify}, front-end pay parameters in {@code io.wxpay4j.pay}.
 */
@NullMarked
package io.wxpay4j;

import org.jspecify.annotations.NullMarked;
