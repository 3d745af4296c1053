// wxpay4j simulator: WeixinJSBridge for a merchant's test page, in place of WeChat's.
// Include it with <script src="http://127.0.0.1:PORT/simulator/jsapi/bridge.js"></script>
// (optionally data-outcome="ok" | "fail" | "cancel" to decide without a click). getBrandWCPayRequest opens
// the simulator's pay sheet in a frame; the simulator checks appId, package, signType and paySign (with the
// merchant certificate), the payer decides, and the callback gets {err_msg: "get_brand_wcpay_request:ok"}
// (or ":fail" / ":cancel"). TEST ONLY.
(function () {
  'use strict';
  if (window.WeixinJSBridge && window.WeixinJSBridge.wxpay4jSimulator) {
    return;
  }
  const script = document.currentScript;
  const simulator = new URL(script.src).origin;
  const outcome = script.dataset.outcome || null;
  let open = false;

  function later(callback, result) {
    setTimeout(function () {
      if (typeof callback === 'function') {
        callback(result);
      }
    }, 0);
  }

  function invoke(name, params, callback) {
    if (name !== 'getBrandWCPayRequest') {
      later(callback, { err_msg: name + ':fail', err_desc: 'the wxpay4j simulator bridge has only getBrandWCPayRequest' });
      return;
    }
    if (open) {
      later(callback, { err_msg: 'get_brand_wcpay_request:fail', err_desc: 'a payment is already in progress' });
      return;
    }
    open = true;
    const frame = document.createElement('iframe');
    frame.id = 'wxpay4j-pay-sheet';
    frame.title = 'WeChat Pay 微信支付 (wxpay4j simulator)';
    frame.src = simulator + '/simulator/jsapi/sheet';
    frame.style.cssText =
      'position:fixed;left:0;top:0;width:100%;height:100%;border:0;z-index:2147483647;background:rgba(0,0,0,.45)';
    function onMessage(event) {
      if (event.source !== frame.contentWindow || event.origin !== simulator) {
        return;
      }
      const data = event.data || {};
      if (data.type === 'wxpay4j-jsapi-ready') {
        frame.contentWindow.postMessage(
          { type: 'wxpay4j-jsapi-pay', params: JSON.parse(JSON.stringify(params || {})), outcome: outcome },
          simulator);
      } else if (data.type === 'wxpay4j-jsapi-result') {
        window.removeEventListener('message', onMessage);
        frame.remove();
        open = false;
        later(callback, { err_msg: data.result.err_msg, err_desc: data.result.err_desc });
      }
    }
    window.addEventListener('message', onMessage);
    document.body.appendChild(frame);
  }

  window.WeixinJSBridge = {
    invoke: invoke,
    on: function () {},
    call: function () {},
    wxpay4jSimulator: true
  };
  function ready() {
    document.dispatchEvent(new Event('WeixinJSBridgeReady'));
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready);
  } else {
    setTimeout(ready, 0);
  }
})();
