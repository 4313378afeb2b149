/* Community Safety Explorer — optional helper for host pages.
 * Makes embedded explorer views exactly as tall as their content:
 *   <iframe data-cse-embed src="https://…/?embed=card&ward=…" …></iframe>
 *   <div data-cse-embed="https://…/?embed=card&ward=…" data-cse-title="…"></div>
 *   <script src="https://…/embed.js" async></script>
 * A <div> is turned into the iframe. Heights are taken only from messages
 * of type "cse-resize" sent by that iframe from the explorer's origin.
 * No cookies, no storage, no other requests. */
(function () {
  'use strict';
  var SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';
  var frames = [];

  function track(iframe) {
    var origin;
    try { origin = new URL(iframe.src, document.baseURI).origin; } catch (e) { return; }
    if (iframe.getAttribute('data-cse-tracked')) return;
    iframe.setAttribute('data-cse-tracked', '1');
    frames.push({ iframe: iframe, origin: origin });
  }

  function fromDiv(div) {
    var src = div.getAttribute('data-cse-embed');
    if (!src) return;
    var iframe = document.createElement('iframe');
    iframe.src = new URL(src, document.baseURI).href;
    iframe.title = div.getAttribute('data-cse-title') || 'Community safety figures';
    iframe.loading = 'lazy';
    iframe.setAttribute('sandbox', SANDBOX);
    iframe.setAttribute('referrerpolicy', 'no-referrer');
    iframe.setAttribute('data-cse-embed', '');
    iframe.style.width = '100%';
    iframe.style.border = '0';
    div.replaceWith(iframe);
    track(iframe);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'cse-resize' || typeof data.height !== 'number') return;
    if (!(data.height > 0 && data.height < 20000)) return;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (event.source === f.iframe.contentWindow && event.origin === f.origin) {
        f.iframe.style.height = Math.ceil(data.height) + 'px';
        return;
      }
    }
  });

  function scan() {
    document.querySelectorAll('div[data-cse-embed]').forEach(fromDiv);
    document.querySelectorAll('iframe[data-cse-embed]').forEach(track);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
