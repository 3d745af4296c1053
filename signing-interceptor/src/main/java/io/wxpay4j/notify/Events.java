package io.wxpay4j.notify;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.CombineSubTransaction;
import io.wxpay4j.model.CombineTransaction;
import io.wxpay4j.model.ContractNotification;
import io.wxpay4j.model.PartnerTransaction;
import io.wxpay4j.model.RefundNotification;
import io.wxpay4j.model.Transaction;
import io.wxpay4j.notify.WechatPayNotificationException.Kind;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Types a decrypted notification by what it is, and checks that it is about the parser's merchant.
 * The resource's top-level member names are read first (it is decoded from the text), so that the
 * decision rests on the members it has, not on what a lenient decoder makes of them: a combine
 * payment ({@code combine_out_trade_no}) is never a plain payment, a partner payment ({@code
 * sp_mchid}) never a direct one.
 */
final class Events {
  private Events() {}

  static WechatPayEvent type(WechatPayNotification n, NotificationParser parser)
      throws WechatPayNotificationException {
    Set<String> resource = members(n);
    String eventType = n.eventType() == null ? "" : n.eventType();
    if (eventType.equals("TRANSACTION.SUCCESS") && "transaction".equals(n.originalType())) {
      if (resource.contains("combine_out_trade_no") || resource.contains("combine_mchid")) {
        return combine(n, parser); // its own event, never a plain payment, whatever else it has
      }
      if (resource.contains("sp_mchid")) {
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

  /**
   * A combine payment: bound to the initiator ({@code combine_mchid}), one of its apps ({@code
   * combine_appid}) and, if the parser expects some, the sub-order merchants ({@code
   * sub_orders[].mchid}) and sub-merchants ({@code sub_orders[].sub_mchid}).
   */
  private static CombinePaymentSucceeded combine(WechatPayNotification n, NotificationParser parser)
      throws WechatPayNotificationException {
    CombineTransaction paid = decode(n, CombineTransaction.class);
    merchant(n, parser, paid.getCombineMchid());
    app(n, parser, paid.getCombineAppid());
    List<CombineSubTransaction> subOrders = paid.getSubOrders();
    if (subOrders == null || subOrders.isEmpty()) {
      throw NotificationParser.malformed(
          "combine notification " + n.id() + " has no sub_orders: there is nothing it pays", null);
    }
    for (int i = 0; i < subOrders.size(); i++) {
      CombineSubTransaction subOrder = subOrders.get(i);
      Set<String> merchants = parser.combineSubOrderMerchantIds;
      if (!merchants.isEmpty() && !merchants.contains(subOrder.getMchid())) {
        throw foreign(
            n,
            "its sub_orders["
                + i
                + "] is about merchant "
                + quoted(subOrder.getMchid())
                + ", not one of the expected "
                + merchants.size()
                + " (NotificationParser.Builder.combineSubOrderMerchantIds)");
      }
      subMerchant(n, parser, "its sub_orders[" + i + "]", subOrder.getSubMchid());
    }
    return new CombinePaymentSucceeded(n, paid);
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

  /**
   * The names of the resource's top-level members, read with a streaming reader (values skipped,
   * not built into a tree); refused as a tree decoder would: not JSON, not an object, a member
   * repeated.
   */
  private static Set<String> members(WechatPayNotification n)
      throws WechatPayNotificationException {
    Set<String> names = new HashSet<>();
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(n.resourceJson()))) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        reader.skipValue();
        if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
          throw new JsonDataException("JSON document was not fully consumed.");
        }
        throw NotificationParser.malformed(
            "the decrypted resource of notification " + n.id() + " is not a JSON object", null);
      }
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (!names.add(name)) {
          throw new JsonDataException(
              "Map key '" + name + "' has multiple values at path " + reader.getPath());
        }
        reader.skipValue();
      }
      reader.endObject();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("JSON document was not fully consumed.");
      }
    } catch (IOException | JsonDataException e) {
      throw NotificationParser.malformed(
          "the decrypted resource of notification " + n.id() + " is not JSON", e);
    }
    return names;
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
    merchant(n, parser, merchantId);
    subMerchant(n, parser, "it", subMerchantId);
  }

  private static void merchant(
      WechatPayNotification n, NotificationParser parser, @Nullable String merchantId)
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
  }

  /** If the parser expects sub-merchants, {@code subject} must be about one of them. */
  private static void subMerchant(
      WechatPayNotification n,
      NotificationParser parser,
      String subject,
      @Nullable String subMerchantId)
      throws WechatPayNotificationException {
    Set<String> expected = parser.subMerchantIds;
    if (!expected.isEmpty() && (subMerchantId == null || !expected.contains(subMerchantId))) {
      throw foreign(
          n,
          subject
              + " is about sub-merchant "
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
