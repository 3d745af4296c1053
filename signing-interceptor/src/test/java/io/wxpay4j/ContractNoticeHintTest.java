package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v2 XML contract notice, read as an unverified hint; hostile XML is refused. */
final class ContractNoticeHintTest {
  /** The v2 签约结果通知 sample fields (change_type ADD), CDATA as WeChat Pay sends them. */
  static final String SIGNED_XML =
      "<xml><mch_id><![CDATA[1900000109]]></mch_id>"
          + "<contract_code><![CDATA[C20240101]]></contract_code>"
          + "<plan_id><![CDATA[12535]]></plan_id>"
          + "<openid><![CDATA[oUpF8uMuAJO_M2pxb1Q9zNjWeS6o]]></openid>"
          + "<sign><![CDATA[9B2A5B1F3D7E8A6C4B2D0E1F3A5C7E9B]]></sign>"
          + "<change_type><![CDATA[ADD]]></change_type>"
          + "<operate_time><![CDATA[2024-01-01 10:00:00]]></operate_time>"
          + "<contract_id><![CDATA[202011065409471222]]></contract_id>"
          + "<contract_expired_time><![CDATA[2025-01-01 10:00:00]]></contract_expired_time>"
          + "<request_serial>1695</request_serial>"
          + "<result_code><![CDATA[SUCCESS]]></result_code></xml>";

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void v2SigningNoticeBecomesAnUnverifiedHintWithoutTheOpenid() {
    ContractNoticeHint hint = ContractNoticeHint.fromV2Xml(utf8(SIGNED_XML)).orElseThrow();

    assertThat(hint.merchantId()).isEqualTo("1900000109");
    assertThat(hint.planId()).isEqualTo(12535L);
    assertThat(hint.contractCode()).isEqualTo("C20240101");
    assertThat(hint.contractId()).isEqualTo("202011065409471222");
    assertThat(hint.changeType()).isEqualTo("ADD");
    assertThat(hint.toString())
        .isEqualTo(
            "ContractNoticeHint{UNVERIFIED, changeType=ADD, mchId=1900000109, planId=12535,"
                + " contractCode=C20240101, contractId=202011065409471222}")
        .doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
  }

  @Test
  void terminationNoticeWithPrologAndWhitespaceIsRead() {
    String xml =
        "\uFEFF  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + SIGNED_XML.replace("ADD", "DELETE").replace("<xml>", "<xml>\n  ");

    assertThat(ContractNoticeHint.fromV2Xml(utf8(xml)).orElseThrow().changeType())
        .isEqualTo("DELETE");
  }

  @Test
  void jsonV3NoticeIsNotAHint() {
    assertThat(
            ContractNoticeHint.fromV2Xml(
                utf8("{\"id\":\"EV-1\",\"event_type\":\"ENTRUST.SIGN\",\"resource\":{}}")))
        .isEmpty();
  }

  @Test
  void v2PaymentNoticeWithoutChangeTypeIsNotAHint() {
    assertThat(
            ContractNoticeHint.fromV2Xml(
                utf8(
                    "<xml><return_code>SUCCESS</return_code><out_trade_no>T1</out_trade_no>"
                        + "<transaction_id>4200</transaction_id></xml>")))
        .isEmpty();
  }

  @Test
  void noticeWithoutANumericPlanIdIsNotAHint() {
    assertThat(ContractNoticeHint.fromV2Xml(utf8(SIGNED_XML.replace("12535", "plan-A")))).isEmpty();
    assertThat(
            ContractNoticeHint.fromV2Xml(
                utf8(
                    SIGNED_XML.replace(
                        "<contract_id><![CDATA[202011065409471222]]></contract_id>", ""))))
        .isEmpty();
  }

  @Test
  void xxePayloadIsRefusedAndTheFileIsNeverRead(@TempDir Path directory) throws Exception {
    Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-KEY");
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>"
            + SIGNED_XML.replace("C20240101", "&xxe;");

    assertThatThrownBy(() -> ContractNoticeHint.fromV2Xml(utf8(xxe)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "refused: the XML declares a DOCTYPE or an entity, which WeChat Pay notices never do"
                + " (a DTD is how XXE attacks work)");
  }

  /** Second line of defence: the parser itself refuses the DOCTYPE and reads no file. */
  @Test
  void hardenedParserRefusesAnXxeDoctypeOnItsOwn(@TempDir Path directory) throws Exception {
    Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-KEY");
    String xxe =
        "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]><xml><contract_code>&xxe;</contract_code></xml>";

    assertThatThrownBy(() -> ContractNoticeHint.fields(xxe))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refused: the body is not well-formed XML (line 1, column 10)")
        .hasMessageNotContaining("TOP-SECRET-KEY");
  }

  @Test
  void billionLaughsIsRefusedBeforeExpansion() {
    String bomb =
        "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
            + "<xml><contract_code>&lol2;</contract_code></xml>";

    assertThatThrownBy(() -> ContractNoticeHint.fromV2Xml(utf8(bomb)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("refused: the XML declares a DOCTYPE");
  }

  @Test
  void malformedXmlIsRefusedWithItsPosition() {
    assertThatThrownBy(() -> ContractNoticeHint.fromV2Xml(utf8("<xml><change_type>ADD</xml>")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("refused: the body is not well-formed XML (line 1, column ");
  }
}
