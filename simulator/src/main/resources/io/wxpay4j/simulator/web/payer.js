// The payer's pages: the JSAPI pay sheet (framed by jsapi-bridge.js on the merchant's page) and the H5
// cashier. Decisions go to the simulator as JSON from its own origin.
'use strict';
(function () {
  const page = document.body.dataset.page;
  const byId = function (id) {
    return document.getElementById(id);
  };
  const buttons = ['pay', 'fail', 'cancel'].map(byId).filter(Boolean);

  function enable(on) {
    buttons.forEach(function (button) {
      button.disabled = !on;
    });
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    });
    return response.json();
  }

  function say(text) {
    byId('message').textContent = text;
  }

  if (page === 'jsapi') {
    let parentOrigin = null;
    let params = null;

    function finish(result) {
      say(result.err_msg + (result.err_desc ? ' — ' + result.err_desc : ''));
      window.parent.postMessage(
        { type: 'wxpay4j-jsapi-result', result: { err_msg: result.err_msg, err_desc: result.err_desc || '' } },
        parentOrigin);
    }

    async function decide(action) {
      enable(false);
      finish(await post('/simulator/jsapi/confirm', { params: params, action: action }));
    }

    window.addEventListener('message', async function (event) {
      const data = event.data;
      if (event.source !== window.parent || params !== null || !data || data.type !== 'wxpay4j-jsapi-pay') {
        return;
      }
      parentOrigin = event.origin;
      params = data.params || {};
      const summary = await post('/simulator/jsapi/verify', { params: params });
      if (!summary.ok) {
        byId('description').textContent = 'Payment refused 支付失败';
        finish(summary);
        return;
      }
      byId('description').textContent = summary.description;
      byId('amount').textContent = summary.amount;
      byId('out-trade-no').textContent = 'out_trade_no ' + summary.out_trade_no;
      enable(true);
      if (data.outcome) {
        decide(data.outcome === 'ok' ? 'pay' : data.outcome);
      }
    });
    buttons.forEach(function (button) {
      button.addEventListener('click', function () {
        decide(button.id);
      });
    });
    window.parent.postMessage({ type: 'wxpay4j-jsapi-ready' }, '*');
  }

  if (page === 'h5') {
    const cashier = byId('cashier');
    enable(cashier.dataset.state === 'NOTPAY');
    buttons.forEach(function (button) {
      button.addEventListener('click', async function () {
        enable(false);
        const result = await post('/simulator/cashier/h5/confirm', {
          prepay_id: cashier.dataset.prepayId,
          package: cashier.dataset.package,
          action: button.id
        });
        say((result.result || result.err_msg) + (result.err_desc ? ' — ' + result.err_desc : ''));
        // WeChat returns to redirect_url whatever happened: the merchant's page must query the order.
        if (cashier.dataset.redirectUrl) {
          location.assign(cashier.dataset.redirectUrl);
        }
      });
    });
  }
})();
