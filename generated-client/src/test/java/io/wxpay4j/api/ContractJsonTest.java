package io.wxpay4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.Contract;
import io.wxpay4j.model.ContractInfo;
import io.wxpay4j.model.ContractNotification;
import io.wxpay4j.model.ContractState;
import io.wxpay4j.model.ContractTerminationMode;
import io.wxpay4j.model.DeductScheduleState;
import io.wxpay4j.model.JsapiContractInfo;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Decoding of the contract models (支付中签约, beta) with {@link WechatPayJson}: the reference's example
 * values, and every variant it says to accept (plan_id and request_serial as string or integer,
 * money as {@code {total}} or {@code {amount}}, unknown states).
 */
final class ContractJsonTest {
  private static final OffsetDateTime SIGNED =
      OffsetDateTime.of(2015, 7, 1, 10, 0, 0, 0, ZoneOffset.ofHours(8));

  @Test
  void queriedContractExampleDecodesEveryField() throws Exception {
    Contract contract =
        WechatPayJson.moshi()
            .adapter(Contract.class)
            .fromJson(RefundJsonTest.resource("contract-query-example.json"));

    assertThat(contract.getMchid()).isEqualTo("1230000109");
    assertThat(contract.getContractId()).isEqualTo("202011065409471222");
    assertThat(contract.getAppid()).isEqualTo("wxcbda96de0b165486");
    assertThat(contract.getPlanId()).isEqualTo(3484306348L);
    assertThat(contract.getOutContractCode()).isEqualTo("1695000000000001");
    assertThat(contract.getContractDisplayAccount()).isEqualTo("微信代扣");
    assertThat(contract.getContractState()).isEqualTo(ContractState.TERMINATED);
    assertThat(contract.getContractSignedTime()).isEqualTo(SIGNED);
    assertThat(contract.getContractExpiredTime()).isEqualTo(SIGNED.plusYears(1));
    assertThat(contract.getOpenid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assertThat(contract.getOutUserCode()).isEqualTo("user_0001");
    assertThat(contract.getContractTerminateInfo().getContractTerminationMode())
        .isEqualTo(ContractTerminationMode.MCH_API_TERMINATE);
    assertThat(contract.getContractTerminateInfo().getContractTerminatedTime())
        .isEqualTo(SIGNED.plusMonths(5));
    assertThat(contract.getContractTerminateInfo().getContractTerminationRemark())
        .isEqualTo("用户解约");
    assertThat(contract.getDeductSchedule().getEstimatedDeductDate()).isEqualTo("2016-06-30");
    assertThat(contract.getDeductSchedule().getEstimatedDeductAmount().getTotal()).isEqualTo(100L);
    assertThat(contract.getDeductSchedule().getScheduleState())
        .isEqualTo(DeductScheduleState.SCHEDULED);
    assertThat(contract.getDeductSchedule().getScheduledAmount().getCurrency()).isEqualTo("CNY");
    assertThat(contract.getDeductSchedule().getDeductAmount().getTotal()).isZero();
    assertThat(contract.getDeductSchedule().getDeductDate()).isEqualTo("2016-06-30");
    assertThat(contract.toString()).doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
  }

  /** The decrypted ENTRUST.SIGN resource: plan_id as a string and money as {amount} decode too. */
  @Test
  void signNoticeResourceExampleDecodesWithAStringPlanIdAndTheAmountSpelling() throws Exception {
    ContractNotification notice =
        WechatPayJson.moshi()
            .adapter(ContractNotification.class)
            .fromJson(RefundJsonTest.resource("contract-notification-example.json"));

    assertThat(notice.getPlanId()).isEqualTo(3484306348L);
    assertThat(notice.getContractState()).isEqualTo(ContractState.SIGNED);
    assertThat(notice.getContractSignedTime()).isEqualTo(SIGNED);
    assertThat(notice.getContractExpiredTime()).isEqualTo(SIGNED.plusYears(1));
    assertThat(notice.getContractId()).isEqualTo("202011065409471222");
    assertThat(notice.getOutContractCode()).isEqualTo("1695000000000001");
    assertThat(notice.getOutUserCode()).isEqualTo("user_0001");
    assertThat(notice.getContractTerminateInfo()).isNull();
    assertThat(notice.getDeductSchedule().getEstimatedDeductAmount().getAmount()).isEqualTo(100L);
    assertThat(notice.getDeductSchedule().getEstimatedDeductAmount().getTotal()).isNull();
    assertThat(notice.getDeductSchedule().getScheduleState())
        .isEqualTo(DeductScheduleState.NO_SCHEDULED);
    assertThat(notice.getSpMchid()).isNull();
    assertThat(notice.toString()).doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
  }

  @Test
  void unknownStatesAndModesDecodeToTheUnknownConstant() throws Exception {
    Contract contract =
        WechatPayJson.moshi()
            .adapter(Contract.class)
            .fromJson(
                "{\"contract_state\":\"FROZEN\",\"contract_terminate_info\":"
                    + "{\"contract_termination_mode\":\"ROBOT_TERMINATE\"}}");

    assertThat(contract.getContractState()).isEqualTo(ContractState.UNKNOWN_DEFAULT_OPEN_API);
    assertThat(contract.getContractTerminateInfo().getContractTerminationMode())
        .isEqualTo(ContractTerminationMode.UNKNOWN_DEFAULT_OPEN_API);
    assertThat(
            WechatPayJson.moshi()
                .adapter(Contract.class)
                .fromJson("{\"contract_state\":\"TERMINATE_PENDING\"}")
                .getContractState())
        .isEqualTo(ContractState.TERMINATE_PENDING);
  }

  /** The v2 forms: integers where the transcription writes strings; the documented form is sent. */
  @Test
  void contractInfoAcceptsIntegerPlanIdAndRequestSerialButWritesStrings() throws Exception {
    ContractInfo info =
        WechatPayJson.moshi()
            .adapter(ContractInfo.class)
            .fromJson(
                "{\"plan_id\":12535,\"contract_mchid\":\"1230000109\",\"contract_appid\":\"wx1\","
                    + "\"contract_code\":\"C1\",\"request_serial\":1695,"
                    + "\"contract_display_account\":\"a\"}");

    assertThat(info.getPlanId()).isEqualTo("12535");
    assertThat(info.getRequestSerial()).isEqualTo("1695");
    assertThat(WechatPayJson.moshi().adapter(ContractInfo.class).toJson(info))
        .contains("\"plan_id\":\"12535\"", "\"request_serial\":\"1695\"");
    assertThat(
            WechatPayJson.moshi()
                .adapter(JsapiContractInfo.class)
                .fromJson("{\"plan_id\":3484306348}")
                .getPlanId())
        .isEqualTo("3484306348");
  }
}
