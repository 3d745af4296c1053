/**
 * The wxpay4j facade: {@link io.wxpay4j.WechatPayClient}, one per merchant, with {@link
 * io.wxpay4j.Orders} for the order lifecycle and the unchecked {@link
 * io.wxpay4j.WechatPayException} hierarchy.
 *
 * <p>Request and response types are the generated models of {@code io.wxpay4j.model}; signing,
 * verification, keys, notifications and front-end pay parameters live in {@code io.wxpay4j.auth}.
 */
@NullMarked
package io.wxpay4j;

import org.jspecify.annotations.NullMarked;
