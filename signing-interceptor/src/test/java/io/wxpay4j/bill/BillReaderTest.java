package io.wxpay4j.bill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every column of the trade (ALL, SUCCESS, REFUND) and fund-flow formats of bills.md §7–§8. */
final class BillReaderTest {
  static final String ALL =
      "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
          + "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,"
          + "手续费,费率,订单金额,申请退款金额,费率备注\r\n"
          + "`2025-01-10 12:00:00,`wxd678efh567hg6787,`1900000109,`0,`013467007045764,"
          + "`4200000001202501100000000001,`ORDER_0001,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`SUCCESS,`CMC,`CNY,"
          + "`1.00,`0.00,`0,`0,`0.00,`0.00,`,`,`Image形象店-深圳腾大-QQ公仔,`cart 7,`0.00600,`0.60%,`1.00,`0.00,`\r\n"
          + "`2025-01-10 12:03:00,`wxd678efh567hg6787,`1900000109,`1900000110,`,"
          + "`4200000001202501100000000001,`ORDER_0001,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`REFUND,`CMC,`CNY,"
          + "`0.00,`0.00,`50300000012025011000001,`R_ORDER_0001,`0.40,`0.01,`ORIGINAL,`PROCESSING,"
          + "\"`T-shirt, blue\",`,`-0.00240,`0.60%,`0.00,`0.40,`rate note\r\n"
          + "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n"
          + "`2,`1.00,`0.40,`0.01,`0.00360,`1.00,`0.40\r\n";

  static final String SUCCESS =
      "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
          + "应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注\n"
          + "`2025-01-10 23:59:59,`wx1,`1900000109,`0,`,`4200000002,`ORDER_0002,`openid2,`NATIVE,`SUCCESS,"
          + "`OTHERS,`CNY,`12345.67,`0.10,`goods,`,`74.07402,`0.60%,`12345.77,`\n"
          + "总交易单数,应结订单总金额,手续费总金额,订单总金额\n"
          + "`1,`12345.67,`74.07402,`12345.77\n";

  static final String REFUND =
      "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
          + "应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,"
          + "退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n"
          + "`2025-01-10 12:03:00,`wx1,`1900000109,`0,`,`4200000003,`ORDER_0003,`openid3,`APP,`REFUND,`OTHERS,"
          + "`CNY,`0.00,`0.00,`2025-01-10 12:03:00,`2025-01-10 12:04:30,`5030001,`R3,`0.50,`0.00,`BALANCE,"
          + "`SUCCESS,`goods,`a,`-0.00300,`0.60%,`0.00,`0.50,`\r\n"
          + "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n"
          + "`1,`0.00,`0.50,`0.00,`-0.00300,`0.00,`0.50\r\n";

  static final String FUND_FLOW =
      "\uFEFF记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,"
          + "业务凭证号\n"
          + "`2025-01-10 12:00:00,`4200000001,`42002025011000001,`交易,`交易,`收入,`1.00,`1.00,`system,`,"
          + "`ORDER_0001\n"
          + "`2025-01-10 12:03:00,`50300000012025011000001,`42002025011000002,`退款,`退款,`支出,`0.40,`0.60,"
          + "`1900000109@1900000109,`退款总金额0.40元;含手续费0.00元\\r\\nline 2,`REF4200000001\n"
          + "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额\n"
          + "`2.0,`1.0,`1.00,`1.0,`0.40\n";

  private static final OffsetDateTime T1203 = OffsetDateTime.parse("2025-01-10T12:03:00+08:00");

  @Test
  void allBillReadsEveryColumnOfPaymentAndRefundLines() {
    BillReader<TradeBillRow, TradeBillSummary> bill = BillReader.trade(new StringReader(ALL));
    assertThat(bill.columns()).hasSize(27).startsWith("交易时间").endsWith("费率备注");
    TradeBillRow payment = bill.next();
    TradeBillRow refund = bill.next();
    assertThat(bill.hasNext()).isFalse();
    TradeBillSummary summary = bill.summary();

    assertThat(payment.tradeTime()).isEqualTo("2025-01-10T12:00:00+08:00");
    assertThat(payment.appId()).isEqualTo("wxd678efh567hg6787");
    assertThat(payment.merchantId()).isEqualTo("1900000109");
    assertThat(payment.subMerchantId()).isNull(); // 0: a direct merchant's order
    assertThat(payment.deviceId()).isEqualTo("013467007045764");
    assertThat(payment.transactionId()).isEqualTo("4200000001202501100000000001");
    assertThat(payment.outTradeNo()).isEqualTo("ORDER_0001");
    assertThat(payment.openid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assertThat(payment.tradeType()).isEqualTo("JSAPI");
    assertThat(payment.tradeState()).isEqualTo("SUCCESS");
    assertThat(payment.isRefund()).isFalse();
    assertThat(payment.bankType()).isEqualTo("CMC");
    assertThat(payment.currency()).isEqualTo("CNY");
    assertThat(payment.settlementTotal()).isEqualTo(100);
    assertThat(payment.couponAmount()).isZero();
    assertThat(payment.refundId()).isNull();
    assertThat(payment.outRefundNo()).isNull();
    assertThat(payment.refundAmount()).isZero();
    assertThat(payment.rechargeCouponRefundAmount()).isZero();
    assertThat(payment.refundType()).isNull();
    assertThat(payment.refundStatus()).isNull();
    assertThat(payment.goodsName()).isEqualTo("Image形象店-深圳腾大-QQ公仔");
    assertThat(payment.attach()).isEqualTo("cart 7");
    assertThat(payment.fee()).isEqualTo(new BigDecimal("0.00600"));
    assertThat(payment.feeRate()).isEqualTo("0.60%");
    assertThat(payment.orderAmount()).isEqualTo(100);
    assertThat(payment.appliedRefundAmount()).isZero();
    assertThat(payment.feeRemark()).isNull();
    assertThat(payment.refundApplyTime()).isNull();
    assertThat(payment.refundSuccessTime()).isNull();

    assertThat(refund.tradeTime()).isEqualTo(T1203);
    assertThat(refund.subMerchantId()).isEqualTo("1900000110");
    assertThat(refund.deviceId()).isNull();
    assertThat(refund.isRefund()).isTrue();
    assertThat(refund.refundId()).isEqualTo("50300000012025011000001");
    assertThat(refund.outRefundNo()).isEqualTo("R_ORDER_0001");
    assertThat(refund.refundAmount()).isEqualTo(40);
    assertThat(refund.rechargeCouponRefundAmount()).isEqualTo(1);
    assertThat(refund.refundType()).isEqualTo("ORIGINAL");
    assertThat(refund.refundStatus()).isEqualTo("PROCESSING");
    assertThat(refund.goodsName()).isEqualTo("T-shirt, blue");
    assertThat(refund.attach()).isNull();
    assertThat(refund.fee()).isEqualTo(new BigDecimal("-0.00240"));
    assertThat(refund.appliedRefundAmount()).isEqualTo(40);
    assertThat(refund.feeRemark()).isEqualTo("rate note");
    assertThat(refund.toString())
        .isEqualTo(
            "TradeBillRow{REFUND 2025-01-10T12:03+08:00 outTradeNo=ORDER_0001"
                + " outRefundNo=R_ORDER_0001 refund=40 settlementTotal=0}");

    assertThat(summary.count()).isEqualTo(2);
    assertThat(summary.settlementTotal()).isEqualTo(100);
    assertThat(summary.refundTotal()).isEqualTo(40);
    assertThat(summary.rechargeCouponRefundTotal()).isEqualTo(1);
    assertThat(summary.feeTotal()).isEqualTo(new BigDecimal("0.00360"));
    assertThat(summary.orderTotal()).isEqualTo(100);
    assertThat(summary.appliedRefundTotal()).isEqualTo(40);
  }

  @Test
  void successBillHasNoRefundColumns() {
    BillReader<TradeBillRow, TradeBillSummary> bill = BillReader.trade(new StringReader(SUCCESS));
    TradeBillRow row = bill.next();
    TradeBillSummary summary = bill.summary();

    assertThat(bill.columns()).hasSize(20);
    assertThat(row.tradeTime()).isEqualTo("2025-01-10T23:59:59+08:00");
    assertThat(row.tradeType()).isEqualTo("NATIVE");
    assertThat(row.settlementTotal()).isEqualTo(1_234_567);
    assertThat(row.couponAmount()).isEqualTo(10);
    assertThat(row.goodsName()).isEqualTo("goods");
    assertThat(row.fee()).isEqualTo(new BigDecimal("74.07402"));
    assertThat(row.orderAmount()).isEqualTo(1_234_577);
    assertThat(row.refundId()).isNull();
    assertThat(row.refundAmount()).isZero();
    assertThat(row.refundStatus()).isNull();
    assertThat(summary.count()).isEqualTo(1);
    assertThat(summary.settlementTotal()).isEqualTo(1_234_567);
    assertThat(summary.feeTotal()).isEqualTo(new BigDecimal("74.07402"));
    assertThat(summary.orderTotal()).isEqualTo(1_234_577);
    assertThat(summary.refundTotal()).isZero();
  }

  @Test
  void refundBillHasRefundTimes() {
    BillReader<TradeBillRow, TradeBillSummary> bill = BillReader.trade(new StringReader(REFUND));
    TradeBillRow row = bill.next();

    assertThat(bill.columns()).hasSize(29);
    assertThat(row.refundApplyTime()).isEqualTo(T1203);
    assertThat(row.refundSuccessTime()).isEqualTo("2025-01-10T12:04:30+08:00");
    assertThat(row.refundId()).isEqualTo("5030001");
    assertThat(row.outRefundNo()).isEqualTo("R3");
    assertThat(row.refundAmount()).isEqualTo(50);
    assertThat(row.refundType()).isEqualTo("BALANCE");
    assertThat(row.refundStatus()).isEqualTo("SUCCESS");
    assertThat(row.appliedRefundAmount()).isEqualTo(50);
    assertThat(bill.summary().feeTotal()).isEqualTo(new BigDecimal("-0.00300"));
  }

  @Test
  void fundFlowBillReadsEveryColumnAndDecimalCounts() {
    BillReader<FundFlowBillRow, FundFlowBillSummary> bill =
        BillReader.fundFlow(new StringReader(FUND_FLOW));
    FundFlowBillRow credit = bill.next();
    FundFlowBillRow debit = bill.next();
    FundFlowBillSummary summary = bill.summary();

    assertThat(bill.columns()).hasSize(11).startsWith("记账时间"); // BOM skipped
    assertThat(credit.time()).isEqualTo("2025-01-10T12:00:00+08:00");
    assertThat(credit.businessId()).isEqualTo("4200000001");
    assertThat(credit.flowId()).isEqualTo("42002025011000001");
    assertThat(credit.businessName()).isEqualTo("交易");
    assertThat(credit.businessType()).isEqualTo("交易");
    assertThat(credit.isIncome()).isTrue();
    assertThat(credit.amount()).isEqualTo(100);
    assertThat(credit.signedAmount()).isEqualTo(100);
    assertThat(credit.balance()).isEqualTo(100);
    assertThat(credit.initiator()).isEqualTo("system");
    assertThat(credit.remark()).isNull();
    assertThat(credit.voucherNo()).isEqualTo("ORDER_0001");
    assertThat(debit.isIncome()).isFalse();
    assertThat(debit.signedAmount()).isEqualTo(-40);
    assertThat(debit.balance()).isEqualTo(60);
    assertThat(debit.initiator()).isEqualTo("1900000109@1900000109");
    assertThat(debit.remark()).isEqualTo("退款总金额0.40元;含手续费0.00元\\r\\nline 2");
    assertThat(summary.count()).isEqualTo(2);
    assertThat(summary.incomeCount()).isEqualTo(1);
    assertThat(summary.incomeAmount()).isEqualTo(100);
    assertThat(summary.expenseCount()).isEqualTo(1);
    assertThat(summary.expenseAmount()).isEqualTo(40);
  }

  @Test
  void unknownAndReorderedColumnsAreReadByName() {
    String bill =
        "商户订单号,新的列,交易状态,交易时间,订单金额\n"
            + "`ORDER_9,`future value,`SUCCESS,`2025-01-10 08:00:00,`9.99\n"
            + "总交易单数,订单总金额\n`1,`9.99\n";

    TradeBillRow row = BillReader.trade(new StringReader(bill)).next();

    assertThat(row.outTradeNo()).isEqualTo("ORDER_9");
    assertThat(row.orderAmount()).isEqualTo(999);
    assertThat(row.column("新的列")).contains("future value");
    assertThat(row.column("没有的列")).isEmpty();
    assertThat(row.settlementTotal()).isZero();
  }

  @Test
  void oldFormatColumnNamesAreAliases() {
    String bill =
        "交易时间,商户订单号,交易状态,总金额,企业红包金额\n"
            + "`2014-11-10 16:33:45,`1415640626,`SUCCESS,`0.01,`0.00\n"
            + "总交易单数,总交易额,总退款金额,总企业红包退款金额,手续费总金额\n`1,`0.01,`0.00,`0.00,`0\n";

    BillReader<TradeBillRow, TradeBillSummary> reader = BillReader.trade(new StringReader(bill));

    assertThat(reader.next().settlementTotal()).isEqualTo(1);
    assertThat(reader.summary().settlementTotal()).isEqualTo(1);
  }

  @Test
  void summaryReadsPastUnreadRowsAndStreamsClose() {
    BillReader<TradeBillRow, TradeBillSummary> bill = BillReader.trade(new StringReader(ALL));
    assertThat(bill.summary().count()).isEqualTo(2);

    List<String> ids;
    try (var rows = BillReader.trade(new StringReader(ALL)).stream()) {
      ids = rows.map(TradeBillRow::outTradeNo).collect(Collectors.toList());
    }
    assertThat(ids).containsExactly("ORDER_0001", "ORDER_0001");
  }

  @Test
  void amountWithThreeDecimalsIsRefusedWithLineAndColumn() {
    String bill = ALL.replace("`1.00,`0.00,`0,`0", "`1.001,`0.00,`0,`0");
    BillReader<TradeBillRow, TradeBillSummary> reader = BillReader.trade(new StringReader(bill));

    assertThatThrownBy(reader::next)
        .isInstanceOf(WechatPayBillFormatException.class)
        .hasMessage(
            "bill line 2: column 应结订单金额: \"1.001\" has more than 2 decimals: not an amount in yuan"
                + " and fen")
        .extracting(e -> ((WechatPayBillFormatException) e).line())
        .isEqualTo(2L);
  }

  @Test
  void malformedTimeAndDirectionAreRefused() {
    assertThatThrownBy(
            () -> BillReader.trade(new StringReader(ALL.replace("12:00:00", "12:00"))).next())
        .hasMessage(
            "bill line 2: column 交易时间: \"2025-01-10 12:00\" is not a time yyyy-MM-dd HH:mm:ss");
    assertThatThrownBy(
            () -> BillReader.fundFlow(new StringReader(FUND_FLOW.replace("`收入", "`in"))).next())
        .hasMessage("bill line 2: column 收支类型 must be 收入 or 支出, was \"in\"");
  }

  @Test
  void billWithoutSummaryOrHeaderIsRefused() {
    String truncated = ALL.substring(0, ALL.indexOf("总交易单数"));
    BillReader<TradeBillRow, TradeBillSummary> reader =
        BillReader.trade(new StringReader(truncated));

    assertThatThrownBy(reader::summary)
        .isInstanceOf(WechatPayBillFormatException.class)
        .hasMessage("the bill ended without a summary section: truncated or not a bill");
    assertThatThrownBy(() -> BillReader.trade(new StringReader("")))
        .hasMessage("the bill is empty: no header line");
    assertThatThrownBy(() -> BillReader.trade(new StringReader("a,b\n")))
        .hasMessageStartingWith("bill line 1: the header has no column 交易时间");
  }

  @Test
  void yuanBecomeExactFen() {
    assertThat(Values.fen("0.01")).isEqualTo(1);
    assertThat(Values.fen("0.1")).isEqualTo(10);
    assertThat(Values.fen("12")).isEqualTo(1200);
    assertThat(Values.fen("-1.50")).isEqualTo(-150);
    assertThat(Values.fen("92233720368547758.07")).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> Values.fen("0.001")).hasMessageContaining("more than 2 decimals");
    assertThatThrownBy(() -> Values.fen("1e3")).hasMessageContaining("not a decimal amount");
    assertThatThrownBy(() -> Values.fen(".5")).hasMessageContaining("no digit before");
    assertThatThrownBy(() -> Values.fen("5.")).hasMessageContaining("ends with");
    assertThatThrownBy(() -> Values.fen("92233720368547758.08")).hasMessageContaining("too large");
    assertThat(Values.count("20.0")).isEqualTo(20);
    assertThatThrownBy(() -> Values.count("2.5")).hasMessageContaining("not a whole count");
  }
}
