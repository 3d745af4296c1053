package io.wxpay4j.simulator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * WeChat Pay's bill files, byte for byte as bills.md §7–§8 describe them: a header line, detail
 * lines whose every value carries one backtick prefix, a summary header and one summary line;
 * UTF-8, CRLF line ends, yuan with 2 decimals, fees with 5, fund-flow counts as {@code N.0}. Values
 * are escaped as the fund-flow page says ({@code \x01} → space, CR/LF → the text {@code \r}/{@code
 * \n}); a value that still holds a comma or a quote is quoted (RFC 4180), which no page shows: the
 * simulator's choice for descriptions with commas.
 */
final class BillFiles {
  static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /**
   * The simulator's fee rate (费率): 0.60 %; a fee is {@code fen × 6} hundred-thousandths of a yuan.
   */
  static final String RATE = "0.60%";

  static final String TRADE_ALL_HEADER =
      "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
          + "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,"
          + "手续费,费率,订单金额,申请退款金额,费率备注";
  static final String TRADE_SUCCESS_HEADER =
      "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
          + "应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";
  static final String TRADE_REFUND_HEADER =
      "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
          + "应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,"
          + "退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
  static final String TRADE_SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
  static final String TRADE_SUCCESS_SUMMARY_HEADER = "总交易单数,应结订单总金额,手续费总金额,订单总金额";
  static final String FUND_FLOW_HEADER =
      "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号";
  static final String FUND_FLOW_SUMMARY_HEADER = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

  private BillFiles() {}

  /** One detail line of a trade bill: a payment, or a refund of a paid order. */
  static final class TradeLine {
    final Instant time;
    final Order order;
    final @Nullable SimulatorRefund refund;
    final @Nullable String payerOpenid;

    TradeLine(
        Instant time, Order order, @Nullable SimulatorRefund refund, @Nullable String openid) {
      this.time = time;
      this.order = order;
      this.refund = refund;
      this.payerOpenid = openid;
    }
  }

  /** One entry of the fund flow: an amount in fen credited ({@code income}) or debited. */
  static final class FundLine {
    final Instant time;
    final String businessId;
    final String flowId;
    final String name;
    final String type;
    final boolean income;
    final long amount;
    final long balance;
    final String initiator;
    final String remark;
    final String voucher;

    FundLine(
        Instant time,
        String businessId,
        String flowId,
        String name,
        String type,
        boolean income,
        long amount,
        long balance,
        String initiator,
        String remark,
        String voucher) {
      this.time = time;
      this.businessId = businessId;
      this.flowId = flowId;
      this.name = name;
      this.type = type;
      this.income = income;
      this.amount = amount;
      this.balance = balance;
      this.initiator = initiator;
      this.remark = remark;
      this.voucher = voucher;
    }
  }

  /** A trade bill of type {@code ALL}, {@code SUCCESS} or {@code REFUND} from its lines. */
  static byte[] trade(String billType, List<TradeLine> lines) {
    StringBuilder out = new StringBuilder();
    boolean all = billType.equals("ALL");
    boolean success = billType.equals("SUCCESS");
    out.append(all ? TRADE_ALL_HEADER : success ? TRADE_SUCCESS_HEADER : TRADE_REFUND_HEADER)
        .append("\r\n");
    long settlement = 0;
    long refunded = 0;
    long fees = 0; // hundred-thousandths of a yuan
    long orderTotal = 0;
    long requested = 0;
    for (TradeLine line : lines) {
      Order order = line.order;
      SimulatorRefund refund = line.refund;
      long paid = refund == null ? order.total : 0;
      long refundAmount = refund == null ? 0 : refund.refund();
      long fee = refund == null ? order.total * 6L : -refundAmount * 6L;
      settlement += paid;
      refunded += refundAmount;
      fees += fee;
      orderTotal += paid;
      requested += refundAmount;
      Row row = new Row(out);
      row.value(TIME.format(line.time.atOffset(BEIJING)))
          .value(order.appid)
          .value(order.mchid)
          .value(order.subMchid == null ? "0" : order.subMchid)
          .value(order.deviceId == null ? "" : order.deviceId)
          .value(order.transactionId())
          .value(order.outTradeNo)
          .value(line.payerOpenid == null ? "" : line.payerOpenid)
          .value(order.tradeType)
          .value(refund == null ? "SUCCESS" : "REFUND")
          .value("OTHERS")
          .value(order.currency)
          .value(yuan(paid))
          .value("0.00");
      if (success) {
        row.value(order.description)
            .value(order.attach == null ? "" : order.attach)
            .value(fee(fee))
            .value(RATE)
            .value(yuan(paid))
            .value("");
      } else {
        if (!all) {
          row.value(refund == null ? "" : TIME.format(refund.createTime().atOffset(BEIJING)));
          Instant refundedAt = refund == null ? null : refund.successTime();
          row.value(refundedAt == null ? "" : TIME.format(refundedAt.atOffset(BEIJING)));
        }
        row.value(refund == null ? "0" : refund.refundId())
            .value(refund == null ? "0" : refund.outRefundNo())
            .value(yuan(refundAmount))
            .value("0.00")
            .value(refund == null ? "" : refund.channel())
            .value(refund == null ? "" : refund.status())
            .value(order.description)
            .value(order.attach == null ? "" : order.attach)
            .value(fee(fee))
            .value(RATE)
            .value(yuan(paid))
            .value(yuan(refundAmount))
            .value("");
      }
      out.append("\r\n");
    }
    out.append(success ? TRADE_SUCCESS_SUMMARY_HEADER : TRADE_SUMMARY_HEADER).append("\r\n");
    Row summary = new Row(out).value(Integer.toString(lines.size())).value(yuan(settlement));
    if (success) {
      summary.value(fee(fees)).value(yuan(orderTotal));
    } else {
      summary
          .value(yuan(refunded))
          .value("0.00")
          .value(fee(fees))
          .value(yuan(orderTotal))
          .value(yuan(requested));
    }
    out.append("\r\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A fund-flow bill from its entries. */
  static byte[] fundFlow(List<FundLine> lines) {
    StringBuilder out = new StringBuilder(FUND_FLOW_HEADER).append("\r\n");
    long incomeCount = 0;
    long income = 0;
    long expenseCount = 0;
    long expense = 0;
    for (FundLine line : lines) {
      if (line.income) {
        incomeCount++;
        income += line.amount;
      } else {
        expenseCount++;
        expense += line.amount;
      }
      new Row(out)
          .value(TIME.format(line.time.atOffset(BEIJING)))
          .value(line.businessId)
          .value(line.flowId)
          .value(line.name)
          .value(line.type)
          .value(line.income ? "收入" : "支出")
          .value(yuan(line.amount))
          .value(yuan(line.balance))
          .value(line.initiator)
          .value(line.remark)
          .value(line.voucher);
      out.append("\r\n");
    }
    out.append(FUND_FLOW_SUMMARY_HEADER).append("\r\n");
    new Row(out)
        .value(lines.size() + ".0")
        .value(incomeCount + ".0")
        .value(yuan(income))
        .value(expenseCount + ".0")
        .value(yuan(expense));
    out.append("\r\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Fen as yuan with 2 decimals: 1 → {@code 0.01}, -150 → {@code -1.50}. */
  static String yuan(long fen) {
    return BigDecimal.valueOf(fen, 2).toPlainString();
  }

  /** Hundred-thousandths of a yuan with 5 decimals: 6 → {@code 0.00006}. */
  static String fee(long units) {
    return BigDecimal.valueOf(units, 5).toPlainString();
  }

  /** Writes one line's values: a backtick before each, escaped, commas between. */
  private static final class Row {
    private final StringBuilder out;
    private boolean first = true;

    Row(StringBuilder out) {
      this.out = out;
    }

    Row value(@Nullable String value) {
      if (!first) {
        out.append(',');
      }
      first = false;
      String escaped =
          "`"
              + (value == null ? "" : value)
                  .replace('\u0001', ' ')
                  .replace("\r", "\\r")
                  .replace("\n", "\\n");
      if (escaped.indexOf(',') >= 0 || escaped.indexOf('"') >= 0) {
        out.append('"').append(escaped.replace("\"", "\"\"")).append('"');
      } else {
        out.append(escaped);
      }
      return this;
    }
  }
}
