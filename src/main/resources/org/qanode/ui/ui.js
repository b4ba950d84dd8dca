// qanode web UI: the one script. Forms marked data-api are sent as JSON with fetch (the REST API
// is the only way the UI changes anything); X-Requested-With marks them as the UI's own requests,
// which the node requires of cookie-authenticated changes (no cross-site form can set it).
(function () {
  'use strict';
  function formJson(form) {
    var body = {};
    new FormData(form).forEach(function (value, key) {
      if (typeof value === 'string' && value.trim() !== '') { body[key] = value; }
    });
    return body;
  }
  function show(form, text) {
    var out = form.querySelector('[role=alert]');
    if (out) { out.textContent = text; }
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var api = form.getAttribute('data-api');
    if (!api) { return; }
    event.preventDefault();
    var button = form.querySelector('button[type=submit]');
    if (button) { button.disabled = true; }
    show(form, '');
    fetch(api, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-Requested-With': 'qanode-ui', 'Accept': 'application/json'},
      body: JSON.stringify(formJson(form))
    }).then(function (response) {
      return response.text().then(function (text) {
        var json = {};
        try { json = text ? JSON.parse(text) : {}; } catch (e) { json = {detail: text}; }
        if (!response.ok) { throw new Error(json.detail || json.error || ('HTTP ' + response.status)); }
        var next = form.getAttribute('data-next') || 'reload';
        if (next === 'reload') { window.location.reload(); } else { window.location.assign(next.replace('{id}', encodeURIComponent(json.id || ''))); }
      });
    }).catch(function (e) {
      show(form, e.message);
      if (button) { button.disabled = false; }
    });
  });
}());
