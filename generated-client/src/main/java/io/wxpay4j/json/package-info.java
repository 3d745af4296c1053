/** The JSON (Moshi) configuration of the generated WeChat Pay models. */
package io.wxpay4j.json;
