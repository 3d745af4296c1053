// The dashboard's buttons and forms: each posts JSON to the simulator's control API (same origin, so the
// control guard's rules hold: loopback Host, JSON body or the X-Wxpay4j-Simulator header), then reloads.
'use strict';
(function () {
  const status = document.getElementById('status');

  function show(text, failed) {
    status.textContent = text;
    status.className = failed ? 'failed' : 'done';
  }

  async function call(method, path, body) {
    const init = { method: method, headers: { 'X-Wxpay4j-Simulator': '1' } };
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = body;
    }
    const response = await fetch(path, init);
    const text = await response.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch (e) {
      // not JSON: report the status
    }
    if (!response.ok) {
      throw new Error(json && json.code ? json.code + ': ' + json.message : 'HTTP ' + response.status);
    }
    return json;
  }

  async function run(method, path, body, label) {
    try {
      await call(method, path, body);
      sessionStorage.setItem('wxpay4j-done', label + ' ✓');
      location.reload();
    } catch (e) {
      show(label + ' — ' + e.message, true);
    }
  }

  const done = sessionStorage.getItem('wxpay4j-done');
  if (done) {
    sessionStorage.removeItem('wxpay4j-done');
    show(done, false);
  }

  document.addEventListener('click', function (event) {
    const button = event.target.closest('button.action');
    if (!button) {
      return;
    }
    button.disabled = true;
    run(button.dataset.method || 'POST', button.dataset.path, button.dataset.body, button.textContent)
      .finally(function () {
        button.disabled = false;
      });
  });

  function numberField(form, name) {
    const value = form.elements[name].value;
    return value === '' ? undefined : Number(value);
  }

  const faultForm = document.getElementById('fault-form');
  if (faultForm) {
    faultForm.addEventListener('submit', function (event) {
      event.preventDefault();
      const body = {
        route: faultForm.elements.route.value,
        fault: faultForm.elements.fault.value,
        times: numberField(faultForm, 'times'),
        latency_ms: numberField(faultForm, 'latency_ms')
      };
      run('POST', faultForm.dataset.path, JSON.stringify(body), 'Inject 注入 ' + body.fault);
    });
  }

  const clockForm = document.getElementById('clock-form');
  if (clockForm) {
    clockForm.addEventListener('submit', function (event) {
      event.preventDefault();
      const seconds = numberField(clockForm, 'seconds');
      run('POST', clockForm.dataset.path, JSON.stringify({ seconds: seconds }), 'Advance 前进 ' + seconds + ' s');
    });
  }
})();
