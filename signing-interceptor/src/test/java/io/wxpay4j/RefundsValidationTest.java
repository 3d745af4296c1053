package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.model.AbnormalRefundBankType;
import io.wxpay4j.model.AbnormalRefundType;
import io.wxpay4j.model.CreateRefundRequest;
import io.wxpay4j.model.RefundFromAccount;
import io.wxpay4j.model.RefundFundsFrom;
import io.wxpay4j.model.RefundRequestAmount;
import io.wxpay4j.model.RefundRequestFundsAccount;
import java.util.List;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad refunds are refused with the field and the rule named, before anything is sent. */
final class RefundsValidationTest {
  private static final String CARD = "6212261234567890403";
  private static final String NAME = "张三";

  private final MockWebServer server = new MockWebServer();
  private WechatPayClient wechatPay;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    wechatPay =
        WechatPayClient.builder()
            .merchantId("1900000109")
            .merchantKey(SignedAnswers.MERCHANT_SERIAL, SignedAnswers.MERCHANT.getPrivate())
            .platformPublicKey(SignedAnswers.PUBLIC_KEY_ID, SignedAnswers.PLATFORM.getPublic())
            .refundNotifyUrl("https://example.com/wechatpay/refund-notify")
            .baseUrl(server.url("/").toString())
            .build();
  }

  @AfterEach
  void tearDown() {
    wechatPay.close();
    server.close();
  }

  static RefundRequestAmount amount(long refund, long total) {
    return RefundRequestAmount.builder().refund(refund).total(total).currency("CNY").build();
  }

  private static Consumer<CreateRefundRequest.Builder> valid() {
    return refund ->
        refund
            .transactionId("1217752501201407033233368018")
            .outRefundNo("R1217752501201407033233368018")
            .amount(amount(100, 100));
  }

  private static Consumer<AbnormalRefundRequest.Builder> userCard() {
    return abnormal ->
        abnormal
            .outRefundNo("R1217752501201407033233368018")
            .type(AbnormalRefundType.USER_BANK_CARD)
            .bankType(AbnormalRefundBankType.ICBC_DEBIT)
            .bankAccount(CARD)
            .realName(NAME);
  }

  private void assertRefusedBeforeSending(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message)
        .hasMessageNotContaining(CARD)
        .hasMessageNotContaining(NAME);
    assertThat(server.getRequestCount()).isZero();
  }

  private void refusedCreate(Consumer<CreateRefundRequest.Builder> change, String message) {
    assertRefusedBeforeSending(() -> wechatPay.refunds().create(valid().andThen(change)), message);
  }

  @Test
  void refundNamingNoOrderIsRefused() {
    refusedCreate(
        r -> r.transactionId(null),
        "name the order by exactly one of transaction_id (preferred) and out_trade_no; neither is set");
  }

  @Test
  void refundNamingTheOrderTwiceIsRefused() {
    refusedCreate(
        r -> r.outTradeNo("1217752501201407033233368018"),
        "name the order by exactly one of transaction_id (preferred) and out_trade_no; both are set");
  }

  @Test
  void malformedTransactionIdIsRefused() {
    refusedCreate(
        r -> r.transactionId("4200/0001"),
        "transaction_id must be WeChat Pay's order number (微信支付订单号): 1 to 32 letters and digits");
  }

  @Test
  void outTradeNoOfFiveCharactersIsRefused() {
    refusedCreate(
        r -> r.transactionId(null).outTradeNo("12345"),
        "CreateRefundRequest.out_trade_no must be at least 6 characters but has 5");
  }

  @Test
  void missingOutRefundNoIsRefused() {
    refusedCreate(
        r -> r.outRefundNo(null), "CreateRefundRequest.out_refund_no is required but was not set");
  }

  @Test
  void outRefundNoOfSixtyFiveCharactersIsRefused() {
    refusedCreate(
        r -> r.outRefundNo("R".repeat(65)),
        "CreateRefundRequest.out_refund_no must be at most 64 characters but has 65");
  }

  @Test
  void outRefundNoWithPipeIsRefusedForANewRefund() {
    refusedCreate(
        r -> r.outRefundNo("R|2024|0001"),
        "out_refund_no of a new refund must be 1 to 64 characters of 0-9 A-Z a-z _ - (some WeChat Pay"
            + " pages also allow | * @, others do not: the client sends only what all accept)");
  }

  @Test
  void outRefundNoWithSlashIsRefused() {
    refusedCreate(
        r -> r.outRefundNo("R/0001"),
        "CreateRefundRequest.out_refund_no must match ^[0-9A-Za-z_\\-|*@]{1,64}$ but does not");
  }

  @Test
  void missingAmountIsRefused() {
    refusedCreate(r -> r.amount(null), "CreateRefundRequest.amount is required but was not set");
  }

  @Test
  void zeroRefundIsRefused() {
    refusedCreate(
        r -> r.amount(amount(0, 100)), "RefundRequestAmount.refund must be at least 1 but is 0");
  }

  @Test
  void refundOverTheTotalIsRefused() {
    refusedCreate(
        r -> r.amount(amount(101, 100)),
        "amount.refund (101 fen) must not exceed amount.total (100 fen), the order's total");
  }

  @Test
  void missingCurrencyIsRefused() {
    refusedCreate(
        r -> r.amount(RefundRequestAmount.builder().refund(1L).total(1L).build()),
        "RefundRequestAmount.currency is required but was not set");
  }

  @Test
  void nonCnyCurrencyIsRefused() {
    refusedCreate(
        r -> r.amount(RefundRequestAmount.builder().refund(1L).total(1L).currency("USD").build()),
        "amount.currency must be CNY (the only currency of domestic refunds)");
  }

  @Test
  void fundingAccountsNotSummingToTheRefundAreRefused() {
    refusedCreate(
        r ->
            r.amount(
                amount(100, 100).toBuilder()
                    .from(
                        List.of(
                            RefundFundsFrom.builder()
                                .account(RefundFromAccount.AVAILABLE)
                                .amount(60L)
                                .build()))
                    .build()),
        "amount.from amounts sum to 60 fen but must sum to amount.refund (100 fen)");
  }

  @Test
  void fundingAccountNamedTwiceIsRefused() {
    RefundFundsFrom half =
        RefundFundsFrom.builder().account(RefundFromAccount.AVAILABLE).amount(50L).build();
    refusedCreate(
        r -> r.amount(amount(100, 100).toBuilder().from(List.of(half, half)).build()),
        "amount.from names account AVAILABLE twice: each at most once");
  }

  @Test
  void unknownFundsAccountIsRefused() {
    refusedCreate(
        r -> r.fundsAccount(RefundRequestFundsAccount.UNKNOWN_DEFAULT_OPEN_API),
        "funds_account must be AVAILABLE or UNSETTLED, or unset");
  }

  @Test
  void reasonOfEightyOneBytesIsRefused() {
    refusedCreate(
        r -> r.reason("退".repeat(27)), // 27 characters, 81 bytes
        "reason must be at most 80 bytes in UTF-8 (a Chinese character takes 3) but has 81");
  }

  @Test
  void emojiInReasonIsRefused() {
    refusedCreate(
        r -> r.reason("退款 👕"),
        "/reason contains a character that UTF-8 encodes in 4 bytes (an emoji or a character beyond"
            + " U+FFFF); WeChat Pay accepts only 1- to 3-byte characters: remove or replace it");
  }

  @Test
  void httpNotifyUrlIsRefused() {
    refusedCreate(
        r -> r.notifyUrl("http://example.com/refund-notify"),
        "notify_url must be an https URL reachable from the Internet (WeChat Pay calls it); http is accepted"
            + " only for a loopback notify URL while baseUrl is a local simulator");
  }

  @Test
  void notifyUrlWithQueryStringIsRefused() {
    refusedCreate(
        r -> r.notifyUrl("https://example.com/refund-notify?shop=1"),
        "notify_url must not have a query string: WeChat Pay calls it as given; put the order in the path");
  }

  @Test
  void subMchidInADirectRefundIsRefused() {
    refusedCreate(
        r -> r.subMchid("1900000110"),
        "sub_mchid is for service providers: refund a sub-merchant's order with"
            + " partnerRefunds().create(subMchid, …)");
  }

  @Test
  void anotherSubMchidInAPartnerRefundIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay.partnerRefunds().create("1900000110", valid().andThen(r -> r.subMchid("19"))),
        "sub_mchid is filled in from the subMchid argument (1900000110); do not set it in the request");
  }

  @Test
  void partnerRefundWithoutSubMchidIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.partnerRefunds().create(null, valid()),
        "sub_mchid must be the sub-merchant ID (子商户号): digits only");
  }

  @Test
  void partnerQueryWithMalformedSubMchidIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.partnerRefunds().queryByOutRefundNo("wxd678efh567hg6999", "R1"),
        "sub_mchid must be the sub-merchant ID (子商户号): digits only");
  }

  @Test
  void asyncCreateIsRefusedBeforeAnyFutureExists() {
    assertRefusedBeforeSending(
        () -> wechatPay.refunds().createAsync(valid().andThen(r -> r.amount(amount(2, 1)))),
        "amount.refund (2 fen) must not exceed amount.total (1 fen), the order's total");
  }

  @Test
  void queryWithMalformedOutRefundNoIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.refunds().queryByOutRefundNo("R 0001"),
        "out_refund_no must be 1 to 64 characters of 0-9 A-Z a-z _ - | * @");
  }

  @Test
  void reconcileWithMalformedOutRefundNoIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.refunds().reconcile("../R0001"),
        "out_refund_no must be 1 to 64 characters of 0-9 A-Z a-z _ - | * @");
  }

  @Test
  void abnormalRefundWithMalformedRefundIdIsRefused() {
    assertRefusedBeforeSending(
        () -> wechatPay.refunds().applyAbnormalRefund("5000/0001", userCard()),
        "refund_id must be WeChat Pay's refund number (微信支付退款单号): 1 to 32 letters and digits");
  }

  @Test
  void abnormalRefundWithoutOutRefundNoIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .refunds()
                .applyAbnormalRefund(
                    "50000000382019052709732678859", userCard().andThen(a -> a.outRefundNo(null))),
        "out_refund_no must be 1 to 64 characters of 0-9 A-Z a-z _ - | * @");
  }

  @Test
  void abnormalRefundWithoutTypeIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .refunds()
                .applyAbnormalRefund(
                    "50000000382019052709732678859", userCard().andThen(a -> a.type(null))),
        "type is required: USER_BANK_CARD (with bank_type, bank_account, real_name) or"
            + " MERCHANT_BANK_CARD");
  }

  @Test
  void userBankCardWithoutTheNameIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .refunds()
                .applyAbnormalRefund(
                    "50000000382019052709732678859", userCard().andThen(a -> a.realName(" "))),
        "USER_BANK_CARD needs bank_type, bank_account (the card number) and real_name (the card"
            + " holder's name)");
  }

  @Test
  void userBankCardOfAnUnknownBankIsRefused() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .refunds()
                .applyAbnormalRefund(
                    "50000000382019052709732678859",
                    userCard()
                        .andThen(a -> a.bankType(AbnormalRefundBankType.UNKNOWN_DEFAULT_OPEN_API))),
        "bank_type must be one of the debit cards WeChat Pay lists (CMB_DEBIT, ICBC_DEBIT, …)");
  }

  @Test
  void merchantBankCardWithTheCardDetailsIsRefusedWithoutShowingThem() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .refunds()
                .applyAbnormalRefund(
                    "50000000382019052709732678859",
                    userCard().andThen(a -> a.type(AbnormalRefundType.MERCHANT_BANK_CARD))),
        "bank_type, bank_account and real_name are only for USER_BANK_CARD; MERCHANT_BANK_CARD sends"
            + " nothing else");
  }

  @Test
  void userBankCardOverTheOaepLimitIsRefusedWithoutShowingIt() {
    assertRefusedBeforeSending(
        () ->
            wechatPay
                .refunds()
                .applyAbnormalRefund(
                    "50000000382019052709732678859",
                    userCard().andThen(a -> a.realName("张".repeat(72)))),
        "real_name is 216 bytes in UTF-8, more than the 214 that RSA-OAEP encrypts under WeChat"
            + " Pay's key");
  }

  @Test
  void abnormalRefundRequestNeverShowsTheCardOrTheName() {
    AbnormalRefundRequest.Builder builder = new AbnormalRefundRequest.Builder();
    userCard().accept(builder);

    assertThat(builder.build().toString())
        .isEqualTo(
            "AbnormalRefundRequest{out_refund_no=R1217752501201407033233368018, type=USER_BANK_CARD,"
                + " bank_type=ICBC_DEBIT, bank_account=(set, not shown), real_name=(set, not shown)}");
    assertThat(builder.toString()).doesNotContain(CARD).doesNotContain(NAME);
  }

  @Test
  void refundNotifyUrlOverHttpIsRefusedByTheBuilder() {
    assertThatThrownBy(
            () -> WechatPayClient.builder().refundNotifyUrl("http://example.com/refund-notify"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "notify_url must be an https URL reachable from the Internet (WeChat Pay calls it); http is"
                + " accepted only for a loopback notify URL while baseUrl is a local simulator");
  }

  @Test
  void loopbackRefundNotifyUrlIsRefusedAgainstWechatPay() {
    WechatPayClient real =
        WechatPayClient.builder()
            .merchantId("1900000109")
            .merchantKey(SignedAnswers.MERCHANT_SERIAL, SignedAnswers.MERCHANT.getPrivate())
            .platformPublicKey(SignedAnswers.PUBLIC_KEY_ID, SignedAnswers.PLATFORM.getPublic())
            .refundNotifyUrl("http://127.0.0.1:8080/refund-notify")
            .build();

    assertThatThrownBy(() -> real.refunds().create(valid()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("notify_url must be an https URL reachable from the Internet");
  }
}
