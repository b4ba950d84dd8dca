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
    // fields marked data-list are lists in the API (e.g. patientIds): split at commas and spaces
    form.querySelectorAll('[data-list]').forEach(function (field) {
      if (body[field.name] !== undefined) {
        body[field.name] = body[field.name].split(/[\s,]+/).filter(function (v) { return v !== ''; });
      }
    });
    return body;
  }
  function show(form, text) {
    var out = form.querySelector('[role=alert]');
    if (out) { out.textContent = text; }
  }
  // Pages of running work carry data-refresh="SECONDS" on <main>: fetch the page again and swap
  // in its main content, until the new content has no data-refresh (the work is done). A tick is
  // skipped while the reader is in a form field of the page, so nothing typed is lost.
  function refresh() {
    var main = document.getElementById('main');
    var seconds = main && parseInt(main.getAttribute('data-refresh'), 10);
    if (!seconds) { return; }
    window.setTimeout(function () {
      var active = document.activeElement;
      if (active && main.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) { refresh(); return; }
      fetch(window.location.href, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var next = new DOMParser().parseFromString(html, 'text/html').getElementById('main');
          if (!next) { return; }
          main.innerHTML = next.innerHTML;
          if (next.hasAttribute('data-refresh')) {
            main.setAttribute('data-refresh', next.getAttribute('data-refresh'));
          } else {
            main.removeAttribute('data-refresh');
          }
          refresh();
        })
        .catch(function () { refresh(); });
    }, seconds * 1000);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', refresh);
  } else {
    refresh();
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
