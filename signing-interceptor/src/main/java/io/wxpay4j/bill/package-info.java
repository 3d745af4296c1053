/**
 * WeChat Pay bills (账单): what to ask for ({@link io.wxpay4j.bill.TradeBillRequest}, {@link
 * io.wxpay4j.bill.FundFlowBillRequest}, downloaded with {@code WechatPayClient.bills()}), a
 * streaming parser of the downloaded CSV files ({@link io.wxpay4j.bill.BillReader}) into typed rows
 * and summaries, and a reconciliation of a trade bill with the merchant's own records ({@link
 * io.wxpay4j.bill.BillReconciliation}).
 *
 * <p>Amounts in bills are yuan with 2 decimals; the parser turns them into exact fen ({@code long},
 * never {@code double}), as the APIs count. Fees (手续费) have 5 decimals and stay {@link
 * java.math.BigDecimal} yuan. Times are Beijing time, given with their offset ({@code +08:00}).
 */
@NullMarked
package io.wxpay4j.bill;

import org.jspecify.annotations.NullMarked;
