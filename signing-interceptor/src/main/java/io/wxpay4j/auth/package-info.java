/**
 * Signing and verification: who signs requests, who verifies answers, and the keys they use.
 *
 * <ul>
 *   <li>{@link io.wxpay4j.auth.WechatPaySignatureInterceptor} signs every request and verifies
 *       every 2xx response of an {@code OkHttpClient}.
 *   <li>{@link io.wxpay4j.auth.Signer} / {@link io.wxpay4j.auth.RsaSha256Signer}: the merchant
 *       private key.
 *   <li>{@link io.wxpay4j.auth.Verifier}: checks WeChat Pay's signatures with the key a serial
 *       names — the WeChat Pay public key ({@link io.wxpay4j.auth.PublicKeyVerifier}), platform
 *       certificates downloaded and refreshed automatically ({@link
 *       io.wxpay4j.auth.PlatformCertificateVerifier}), or both during the migration ({@link
 *       io.wxpay4j.auth.CombinedVerifier}).
 *   <li>{@link io.wxpay4j.auth.Pem} and {@link io.wxpay4j.auth.ApiV3Key}: loading credentials, with
 *       errors at load time; {@link io.wxpay4j.auth.CryptoProvider}: the JCA provider of RSA.
 * </ul>
 *
 * <p>No static state changes behaviour: several merchants can use these types side by side in one
 * JVM. What is shared is infrastructure: the scheduled refreshes of all platform-certificate
 * verifiers run on one daemon thread, and verifiers without an {@code OkHttpClient} of the user's
 * download through the process-wide default connection pool. Notifications are in {@code
 * io.wxpay4j.notify}, front-end pay parameters in {@code io.wxpay4j.pay}.
 */
@NullMarked
package io.wxpay4j.auth;

import org.jspecify.annotations.NullMarked;
