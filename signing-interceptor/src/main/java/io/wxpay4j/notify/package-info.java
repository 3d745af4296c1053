/**
 * Notifications (回调通知) that WeChat Pay sends to the merchant's {@code notify_url}: the request as
 * received ({@link io.wxpay4j.notify.NotificationRequest}), its verification and decryption ({@link
 * io.wxpay4j.notify.NotificationParser}), the failures ({@link
 * io.wxpay4j.notify.WechatPayNotificationException}) and the HTTP answer to send back ({@link
 * io.wxpay4j.notify.NotificationAnswer}).
 *
 * <p>A notification is trusted only after its signature is verified with the same {@link
 * io.wxpay4j.auth.Verifier} that verifies API answers and its resource is decrypted with the APIv3
 * key.
 */
@NullMarked
package io.wxpay4j.notify;

import org.jspecify.annotations.NullMarked;
