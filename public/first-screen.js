// The first screen, before the explorer's wasm has arrived (a plain script,
// allowed by the Content-Security-Policy as a file of our own).
//
// 1. It starts the downloads of the dataset named in the address, so that
//    they travel while the wasm does instead of after it. The wasm asks for
//    them through `window.cseEarly` (src/ui/fetch.rs): a map from each
//    file's address to the promise of its response, taken once.
// 2. It says which figures are coming ("Loading the figures for …") in the
//    first screen that index.html paints; the app replaces that screen when
//    it starts.
//
// 3. Once the app shows its figures (or why there are none), it adds
//    offline.js, which registers the service worker; never in an embedded
//    view (a partner's page: no storage).
//
// The rules for the dataset's name and the files an embedded view needs are
// the app's (src/state/mod.rs, src/ui/fetch.rs); a file started here that
// the app does not take is only a wasted download, never a wrong figure.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var asked = params.get('dataset');
  var name = asked && /^[A-Za-z0-9_-]{1,64}$/.test(asked) ? asked : 'cleveland';
  var embed = params.get('embed');
  var screen = document.getElementById('first-screen');
  if (embed && screen) screen.classList.add('embedded');
  var early = new Map();
  window.cseEarly = early;
  if (!params.has('embed') && 'serviceWorker' in navigator) {
    addEventListener('load', function shown() {
      if (!document.querySelector('body > main') || document.querySelector('[data-testid=loading]')) {
        setTimeout(shown, 250);
        return;
      }
      var script = document.createElement('script');
      script.src = 'offline.js';
      document.body.appendChild(script);
    });
  }
  if (params.get('page') === 'load') return;

  var base = 'data/' + name + '/';
  function start(url) {
    // A failed request is the app's to report, with the file's name.
    var response = fetch(url);
    response.catch(function () {});
    early.set(url, response);
    return response;
  }
  var line = document.getElementById('first-screen-line');
  // In Welsh (?lang=cy) from the first paint: the app's catalogue
  // (i18n/cy.txt: AppName, LoadingTheData) has not arrived yet, so its two
  // lines are here too.
  var welsh = params.get('lang') === 'cy';
  if (welsh) {
    document.documentElement.lang = 'cy';
    var brand = document.querySelector('#first-screen .brand');
    if (brand) brand.textContent = 'Archwiliwr Diogelwch Cymunedol';
    if (line) line.textContent = 'Wrthi\u2019n llwytho\u2019r data\u2026';
  }
  start(base + 'manifest.json')
    .then(function (r) {
      return r.ok ? r.clone().json() : null;
    })
    .then(function (m) {
      if (!m || !m.files) return;
      var files = m.files;
      // An embedded card, chart or ranking draws no map: no boundaries.
      var needs = [files.counts, files.areas, files.categories, files.targets];
      if (Array.isArray(files.other_sources)) {
        files.other_sources.forEach(function (o) {
          if (o) needs.push(o.counts);
        });
      }
      if (!embed || embed === 'map') needs.push(files.boundaries);
      needs.forEach(function (f) {
        if (typeof f === 'string' && f) start(base + f);
      });
      var title = welsh && typeof m.title_cy === 'string' ? m.title_cy : m.title;
      if (line && typeof title === 'string') {
        line.textContent = welsh
          ? 'Wrthi\u2019n llwytho\u2019r ffigurau ar gyfer ' + title + '\u2026'
          : 'Loading the figures for ' + title + '…';
      }
    })
    .catch(function () {});
})();
