package io.wxpay4j;

import com.squareup.moshi.JsonAdapter;
import io.wxpay4j.internal.ServerText;
import io.wxpay4j.model.Amount;
import io.wxpay4j.model.SceneInfo;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okio.Buffer;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The rules WeChat Pay enforces that the spec's schemas cannot express, checked before anything is
 * sent. The generated builders already check required fields, lengths, patterns and minimums.
 */
final class RequestChecks {
  static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");
  private static final Pattern TRANSACTION_ID = Pattern.compile("[0-9A-Za-z]{1,32}");

  /**
   * UTF-8 lead bytes of 4-byte characters (U+10000 and up), and '?' (what Moshi writes for a lone
   * surrogate).
   */
  private static final ByteString FOUR_BYTE_LEADS_OR_REPLACED =
      ByteString.of((byte) 0xF0, (byte) 0xF1, (byte) 0xF2, (byte) 0xF3, (byte) 0xF4, (byte) '?');

  private final boolean localServer;

  /**
   * The last notify URL that passed (normally the client's default): a cache, never a decision of
   * its own.
   */
  private volatile @Nullable String lastValidNotifyUrl;

  /**
   * {@code localServer}: the client talks to a loopback simulator, which can call loopback notify
   * URLs.
   */
  RequestChecks(boolean localServer) {
    this.localServer = localServer;
  }

  static String outTradeNo(String outTradeNo) {
    if (outTradeNo == null) {
      throw new IllegalArgumentException("out_trade_no is required");
    }
    if (!OUT_TRADE_NO.matcher(outTradeNo).matches()) {
      throw new IllegalArgumentException(
          "out_trade_no must be 6 to 32 characters of 0-9 A-Z a-z _ - | *");
    }
    return outTradeNo;
  }

  static String transactionId(String transactionId) {
    if (transactionId == null || !TRANSACTION_ID.matcher(transactionId).matches()) {
      throw new IllegalArgumentException(
          "transaction_id must be WeChat Pay's order number (微信支付订单号): 1 to 32 letters and digits");
    }
    return transactionId;
  }

  /**
   * https, absolute, no query string; http only for a loopback host when the server is a local
   * simulator.
   */
  void notifyUrl(String notifyUrl) {
    if (notifyUrl.equals(lastValidNotifyUrl)) {
      return; // the client's default, checked once rather than parsed on every prepay
    }
    callbackUrl("notify_url", notifyUrl);
    lastValidNotifyUrl = notifyUrl;
  }

  /**
   * The rules of {@link #notifyUrl} for another URL that WeChat Pay calls, named {@code field} in
   * the messages (e.g. {@code contract_info.contract_notify_url}).
   */
  void callbackUrl(String field, String url) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException(
          field
              + " "
              + quoted(url)
              + " does not parse as a URL (a port of 0 or above 65535, a space, a missing scheme…):"
              + " give an absolute https URL such as https://example.com/wechatpay/notify");
    }
    if (parsed.encodedQuery() != null) {
      throw new IllegalArgumentException(
          field
              + " must not have a query string: WeChat Pay calls it as given; put the order in the path");
    }
    if (!parsed.isHttps() && !(localServer && isLoopback(parsed.host()))) {
      throw new IllegalArgumentException(
          field
              + " must be an https URL reachable from the Internet (WeChat Pay calls it); http is accepted"
              + " only for a loopback notify URL while baseUrl is a local simulator");
    }
  }

  /**
   * The rules every prepay request shares beyond its schema: the trade type's {@code scene_info},
   * the {@code notify_url} and the currency. The character range is checked on the serialised body
   * ({@link #utf8}).
   */
  void prepay(
      Orders.Kind kind, @Nullable SceneInfo sceneInfo, String notifyUrl, @Nullable Amount amount) {
    if (kind == Orders.Kind.H5 && (sceneInfo == null || sceneInfo.getH5Info() == null)) {
      throw new IllegalArgumentException(
          "scene_info.h5_info is required for H5 prepay, with scene_info.payer_client_ip the payer's real IP");
    }
    notifyUrl(notifyUrl);
    currency(amount);
  }

  static void payerAbsent(Orders.Kind kind, @Nullable Object payer) {
    if (payer != null && (kind == Orders.Kind.APP || kind == Orders.Kind.NATIVE)) {
      throw new IllegalArgumentException(
          "payer must not be set for " + kind + " prepay: the payer is known only once they pay");
    }
  }

  static void currency(@Nullable Amount amount) {
    if (amount != null && amount.getCurrency() != null && !"CNY".equals(amount.getCurrency())) {
      throw new IllegalArgumentException(
          "amount.currency must be CNY (the only currency of domestic merchants) or left unset");
    }
  }

  /**
   * WeChat Pay accepts only characters that UTF-8 encodes in 1 to 3 bytes: no emoji or other
   * characters beyond U+FFFF. Scans {@code json}, the serialised {@code value} about to be signed
   * and sent, for the lead bytes of 4-byte sequences; Moshi writes a lone surrogate as '?', so a
   * '?' is suspect too. Only a suspect request is walked as a tree (exact, and it names the field).
   */
  static void utf8(Buffer json, JsonAdapter<Object> adapter, Object value) {
    if (json.indexOfElement(FOUR_BYTE_LEADS_OR_REPLACED) == -1) {
      return;
    }
    String field = firstFourByteField(adapter.toJsonValue(value), "");
    if (field != null) {
      throw new IllegalArgumentException(
          field
              + " contains a character that UTF-8 encodes in 4 bytes (an emoji or a character beyond U+FFFF);"
              + " WeChat Pay accepts only 1- to 3-byte characters: remove or replace it");
    }
  }

  private static @Nullable String firstFourByteField(@Nullable Object json, String path) {
    if (json instanceof String) {
      String text = (String) json;
      for (int i = 0; i < text.length(); i++) {
        if (Character.isSurrogate(text.charAt(i))) {
          return path.isEmpty() ? "value" : path;
        }
      }
    } else if (json instanceof Map) {
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) json).entrySet()) {
        String found = firstFourByteField(entry.getValue(), path + "/" + entry.getKey());
        if (found != null) {
          return found;
        }
      }
    } else if (json instanceof List) {
      List<?> list = (List<?>) json;
      for (int i = 0; i < list.size(); i++) {
        String found = firstFourByteField(list.get(i), path + "/" + i);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** A caller's value in a message: quoted, control characters replaced, at most 100 characters. */
  static String quoted(String value) {
    return ServerText.quote(value, ServerText.VALUE_LIMIT);
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("::1")
        || host.equals("[::1]");
  }
}
