package io.wxpay4j.notify;

import com.squareup.moshi.JsonDataException;
import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.ContractNotification;
import io.wxpay4j.model.PartnerTransaction;
import io.wxpay4j.model.RefundNotification;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.notify.WechatPayNotificationException.Kind;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Types a decrypted notification by what it is, and checks that it is about the parser's merchant.
 * The resource is read as a JSON tree first (for its members only; it is decoded from the text), so
 * that the decision rests on the members it has, not on what a lenient decoder makes of them: a
 * combine payment ({@code combine_out_trade_no}) is never a plain payment, a partner payment
 * ({@code sp_mchid}) never a direct one.
 */
final class Events {
  private Events() {}

  static WechatPayEvent type(WechatPayNotification n, NotificationParser parser)
      throws WechatPayNotificationException {
    Map<?, ?> resource = tree(n);
    String eventType = n.eventType() == null ? "" : n.eventType();
    if (eventType.equals("TRANSACTION.SUCCESS") && "transaction".equals(n.originalType())) {
      if (resource.containsKey("combine_out_trade_no") || resource.containsKey("combine_mchid")) {
        return new UnrecognizedEvent(n); // a combine payment: its own event, never a plain one
      }
      if (resource.containsKey("sp_mchid")) {
        PartnerTransaction paid = decode(n, PartnerTransaction.class);
        bind(n, parser, paid.getSpMchid(), paid.getSubMchid());
        app(n, parser, paid.getSpAppid());
        return new PartnerPaymentSucceeded(n, paid);
      }
      Transaction paid = decode(n, Transaction.class);
      bind(n, parser, paid.getMchid(), null);
      app(n, parser, paid.getAppid());
      return new PaymentSucceeded(n, paid);
    }
    if (eventType.startsWith("REFUND.") && "refund".equals(n.originalType())) {
      RefundNotification refund = decode(n, RefundNotification.class);
      boolean partner = refund.getSpMchid() != null;
      bind(
          n,
          parser,
          partner ? refund.getSpMchid() : refund.getMchid(),
          partner ? refund.getSubMchid() : null);
      return new RefundEvent(n, refund);
    }
    if (eventType.startsWith("ENTRUST.")) {
      ContractNotification contract = decode(n, ContractNotification.class);
      boolean partner = contract.getSpMchid() != null;
      bind(
          n,
          parser,
          partner ? contract.getSpMchid() : contract.getMchid(),
          partner ? contract.getSubMchid() : null);
      return new ContractEvent(n, contract);
    }
    return new UnrecognizedEvent(n);
  }

  static WechatPayNotificationException unexpected(WechatPayEvent event, String expected) {
    WechatPayNotification n = event.notification();
    return new WechatPayNotificationException(
        Kind.UNEXPECTED_EVENT,
        "Notification "
            + n.id()
            + " rejected: expected "
            + expected
            + ", but a "
            + event.getClass().getSimpleName()
            + " arrived (event_type "
            + n.eventType()
            + ", original_type "
            + n.originalType()
            + "); parse notifications of several kinds with NotificationParser.parse(...) and"
            + " dispatch on the event",
        null);
  }

  /** True for a body that starts, after white space, with {@code <}: an API v2 XML notice. */
  static boolean isXml(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b == '<';
      }
    }
    return false;
  }

  private static Map<?, ?> tree(WechatPayNotification n) throws WechatPayNotificationException {
    Object json;
    try {
      json = WechatPayJson.moshi().adapter(Object.class).fromJson(n.resourceJson());
    } catch (IOException | JsonDataException e) {
      throw NotificationParser.malformed(
          "the decrypted resource of notification " + n.id() + " is not JSON", e);
    }
    if (!(json instanceof Map)) {
      throw NotificationParser.malformed(
          "the decrypted resource of notification " + n.id() + " is not a JSON object", null);
    }
    return (Map<?, ?>) json;
  }

  private static <T> T decode(WechatPayNotification n, Class<T> type)
      throws WechatPayNotificationException {
    T value;
    try {
      // From the text, not the tree: the tree holds numbers as doubles, which would round amounts
      // beyond 2^53.
      value = WechatPayJson.moshi().adapter(type).fromJson(n.resourceJson());
    } catch (IOException | JsonDataException | IllegalArgumentException e) {
      throw NotificationParser.malformed(
          "the decrypted resource of notification "
              + n.id()
              + " is not a "
              + type.getSimpleName()
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
    if (value == null) {
      throw NotificationParser.malformed("the decrypted resource is JSON null", null);
    }
    return value;
  }

  private static void bind(
      WechatPayNotification n,
      NotificationParser parser,
      @Nullable String merchantId,
      @Nullable String subMerchantId)
      throws WechatPayNotificationException {
    if (!parser.merchantId.equals(merchantId)) {
      throw foreign(
          n,
          "it is about merchant "
              + quoted(merchantId)
              + ", not this client's "
              + parser.merchantId
              + "; another merchant's notification must never be taken for this one's");
    }
    Set<String> expected = parser.subMerchantIds;
    if (!expected.isEmpty() && (subMerchantId == null || !expected.contains(subMerchantId))) {
      throw foreign(
          n,
          "it is about sub-merchant "
              + quoted(subMerchantId)
              + ", not one of the expected "
              + expected.size()
              + " (NotificationParser.Builder.subMerchantIds)");
    }
  }

  private static void app(
      WechatPayNotification n, NotificationParser parser, @Nullable String appId)
      throws WechatPayNotificationException {
    if (appId == null || !parser.appIds.contains(appId)) {
      throw foreign(
          n,
          "it is about app "
              + quoted(appId)
              + ", not one this client knows; declare every appid that takes payments"
              + " (WechatPayClientBuilder.appId and appIds, or NotificationParser.Builder.appIds)");
    }
  }

  private static WechatPayNotificationException foreign(WechatPayNotification n, String why) {
    return new WechatPayNotificationException(
        Kind.FOREIGN_MERCHANT, "Notification " + n.id() + " rejected: " + why, null);
  }

  private static String quoted(@Nullable String value) {
    return value == null ? "(none)" : io.wxpay4j.internal.SignatureCheck.printable(value);
  }
}
