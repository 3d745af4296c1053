/**
 * The security core of wxpay4j: signing requests, verifying responses and notifications, keys.
 *
 * <ul>
 *   <li>{@link io.wxpay4j.auth.WechatPaySignatureInterceptor} signs every request and verifies
 *       every 2xx response of an {@code OkHttpClient}.
 *   <li>{@link io.wxpay4j.auth.Signer} / {@link io.wxpay4j.auth.RsaSha256Signer}: the merchant
 *       private key.
 *   <li>{@link io.wxpay4j.auth.Verifier}: where verification keys come from — the WeChat Pay public
 *       key ({@link io.wxpay4j.auth.PublicKeyVerifier}), platform certificates downloaded and
 *       refreshed automatically ({@link io.wxpay4j.auth.PlatformCertificateVerifier}), or both
 *       during the migration ({@link io.wxpay4j.auth.CombinedVerifier}).
 *   <li>{@link io.wxpay4j.auth.Pem} and {@link io.wxpay4j.auth.ApiV3Key}: loading credentials, with
 *       errors at load time.
 *   <li>{@link io.wxpay4j.auth.NotificationParser}: verifying and decrypting payment notifications.
 *   <li>{@link io.wxpay4j.auth.PayParametersSigner}: the parameters the JSAPI, mini-program and APP
 *       front ends need to start a payment.
 * </ul>
 *
 * <p>Nothing here holds static mutable state: several merchants can use these types side by side in
 * one JVM.
 */
@NullMarked
package io.wxpay4j.auth;

import org.jspecify.annotations.NullMarked;
