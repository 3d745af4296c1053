/**
 * Front-end pay parameters (调起支付参数): what a JSAPI page ({@code WeixinJSBridge}), a mini-program
 * ({@code wx.requestPayment}) or an APP ({@code PayReq}) needs to start paying a {@code prepay_id},
 * signed with the merchant key by {@link io.wxpay4j.pay.PayParametersSigner}.
 */
@NullMarked
package io.wxpay4j.pay;

import org.jspecify.annotations.NullMarked;
