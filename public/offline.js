// Registers the service worker (sw.js), which keeps the app and the
// datasets opened so that the explorer works offline. Added by
// first-screen.js once the first figures are on the page, and started
// when the browser is idle: the worker's downloads (the app's files, for
// its cache) never compete with the page's own on a phone. An embedded
// view never loads this file.
(function () {
  'use strict';
  // On the first visit the page fetched its dataset before the worker
  // existed: it names those files to the worker, which keeps them.
  var before = navigator.serviceWorker.controller;
  function register() {
    var data = new URL('data/', location.href).href;
    navigator.serviceWorker.register('sw.js')
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        if (before || !registration.active) return;
        var keep = performance.getEntriesByType('resource')
          .map(function (e) { return e.name; })
          .filter(function (u) { return u.indexOf(data) === 0; });
        registration.active.postMessage({ keep: keep });
      })
      .catch(function () {});
  }
  if (window.requestIdleCallback) requestIdleCallback(register, { timeout: 2000 });
  else setTimeout(register, 0);
})();
