package io.wxpay4j;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * <b>UNVERIFIED</b>: what a WeChat Pay v2 XML contract notice (签约/解约结果通知, {@code change_type}
 * {@code ADD} or {@code DELETE}) claims, as a hint to look the contract up, <b>never</b> as a
 * signed contract. Nothing here is authenticated: the v2 notice is plaintext signed with the APIv2
 * key, which this SDK does not check, so anyone can POST one. Confirm with {@link Contracts#query}
 * and act on its answer only.
 *
 * <pre>{@code
 * Optional<ContractNoticeHint> hint = ContractNoticeHint.fromV2Xml(body);
 * if (hint.isPresent()) {
 *   Contract contract = wechatPay.contracts()
 *       .query(hint.get().planId(), hint.get().contractCode()).body();   // the authority
 *   ... // act on contract.getContractState(), idempotently on contract.getContractId()
 *   answer <xml><return_code>SUCCESS</return_code><return_msg>OK</return_msg></xml>
 * }
 * }</pre>
 *
 * <p>Which notice a v3 with-contract order triggers (this v2 XML or the v3 {@code ENTRUST.SIGN} of
 * {@link WechatPayClient#parseContractNotification}) is unconfirmed; an endpoint should accept
 * both. The payer's openid is deliberately not kept. Immutable.
 */
public final class ContractNoticeHint {
  private final String merchantId;
  private final long planId;
  private final String contractCode;
  private final String contractId;
  private final String changeType;

  private ContractNoticeHint(
      String merchantId, long planId, String contractCode, String contractId, String changeType) {
    this.merchantId = merchantId;
    this.planId = planId;
    this.contractCode = contractCode;
    this.contractId = contractId;
    this.changeType = changeType;
  }

  /**
   * Reads {@code body} as a v2 XML contract notice: present if it starts with {@code <xml>} and
   * names {@code change_type}, {@code contract_id}, {@code contract_code} and a numeric {@code
   * plan_id}; empty for anything else (JSON, another v2 notice). The XML is parsed by the JDK with
   * DTDs and external entities disabled.
   *
   * @throws IllegalArgumentException if the body is XML that declares a DOCTYPE or an entity
   *     (refused: WeChat Pay sends none, and a DTD is how XXE attacks work), or starts with {@code
   *     <xml>} but is not well-formed; answer such a request with a failure
   */
  public static Optional<ContractNoticeHint> fromV2Xml(byte[] body) {
    Objects.requireNonNull(body, "body == null");
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1).strip();
    }
    if (text.startsWith("<?xml")) {
      int end = text.indexOf("?>");
      text = end < 0 ? text : text.substring(end + 2).strip();
    }
    if (!text.startsWith("<")) {
      return Optional.empty(); // JSON (a v3 notice) or anything else
    }
    String upper = text.toUpperCase(Locale.ROOT);
    if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
      throw new IllegalArgumentException(
          "refused: the XML declares a DOCTYPE or an entity, which WeChat Pay notices never do"
              + " (a DTD is how XXE attacks work)");
    }
    if (!text.startsWith("<xml>")) {
      return Optional.empty();
    }
    Map<String, String> fields = fields(text);
    String changeType = fields.get("change_type");
    String contractId = fields.get("contract_id");
    String contractCode = fields.get("contract_code");
    String planId = fields.get("plan_id");
    if (changeType == null
        || contractId == null
        || contractCode == null
        || planId == null
        || !planId.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return Optional.of(
        new ContractNoticeHint(
            fields.getOrDefault("mch_id", ""),
            Long.parseLong(planId),
            contractCode,
            contractId,
            changeType));
  }

  /**
   * The non-blank text of each child element of {@code <xml>}, CDATA unwrapped, by a parser that
   * refuses any DOCTYPE itself (the text check in {@link #fromV2Xml} comes first).
   */
  static Map<String, String> fields(String xml) {
    Element root;
    try {
      DocumentBuilder builder = hardenedFactory().newDocumentBuilder();
      builder.setErrorHandler(SILENT);
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entity refused");
          });
      root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
    } catch (SAXParseException e) {
      throw new IllegalArgumentException(
          "refused: the body is not well-formed XML (line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + ")",
          e);
    } catch (SAXException | IOException e) {
      throw new IllegalArgumentException(
          "refused: the body is not well-formed XML (" + e.getClass().getSimpleName() + ")", e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be hardened against XXE", e);
    }
    Map<String, String> result = new HashMap<>();
    for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.ELEMENT_NODE) {
        String value = child.getTextContent().strip();
        if (!value.isEmpty()) {
          result.putIfAbsent(child.getNodeName(), value);
        }
      }
    }
    return result;
  }

  /** No DTD, no external entity or schema, no XInclude, entity expansion limits on. */
  private static DocumentBuilderFactory hardenedFactory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    return factory;
  }

  /** The default handler prints to standard error; the exception says enough. */
  private static final ErrorHandler SILENT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXParseException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
          throw e;
        }
      };

  /** {@code mch_id} as the notice claims it (check it is yours), or empty if absent. */
  public String merchantId() {
    return merchantId;
  }

  /** {@code plan_id}, the template id to query with. */
  public long planId() {
    return planId;
  }

  /**
   * {@code contract_code}, the merchant contract number to query with ({@code out_contract_code}).
   */
  public String contractCode() {
    return contractCode;
  }

  /** {@code contract_id} as the notice claims it; the query's is the one to keep. */
  public String contractId() {
    return contractId;
  }

  /**
   * {@code change_type} as sent: {@code ADD} (claims a signing), {@code DELETE} (a termination).
   */
  public String changeType() {
    return changeType;
  }

  /** Identifiers only, marked unverified; no payer data. */
  @Override
  public String toString() {
    return "ContractNoticeHint{UNVERIFIED, changeType="
        + changeType
        + ", mchId="
        + merchantId
        + ", planId="
        + planId
        + ", contractCode="
        + contractCode
        + ", contractId="
        + contractId
        + "}";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof ContractNoticeHint)) {
      return false;
    }
    ContractNoticeHint that = (ContractNoticeHint) other;
    return planId == that.planId
        && merchantId.equals(that.merchantId)
        && contractCode.equals(that.contractCode)
        && contractId.equals(that.contractId)
        && changeType.equals(that.changeType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(merchantId, planId, contractCode, contractId, changeType);
  }
}
