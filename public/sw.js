// The explorer's service worker (issue 16): after one visit the explorer
// opens and works with the network off. Plain JS, copied to dist/ by trunk
// and registered by public/offline.js, which public/first-screen.js adds
// once the first figures are on the page, never in an embedded view.
//
// Two caches, both named after the worker's scope (so two copies of the
// explorer on one origin never touch each other's):
// - the app, one cache per build: `BUILD` below is stamped by
//   scripts/offline.mjs (a post-build step) with the build's version (a
//   hash of this worker's code and of the app's files) and the list of
//   those files. A new deploy changes this file, so the browser installs
//   the new worker on the next online visit; it fills its own cache,
//   takes over at once and deletes the caches of other builds. Files
//   whose names carry trunk's content hash are served from the cache
//   first (a name never changes its content); index.html and the files
//   without a hash (first-screen.js, offline.js, the loading worker's
//   loader.js and loader_bg.wasm, reader.js, the manifest and icons) come
//   from the network first, from the cache only when it fails: no stale
//   app forever.
// - the data: every file under data/ a visitor's page has opened, saved
//   as it arrives, network first. When the network fails the kept copy is
//   served with an `X-CSE-Saved` header, the time it was saved, which the
//   page reads to say that it shows the copy kept on this device, and how
//   old it is (src/ui/offline.rs). This cache outlives builds: the files
//   are the publisher's, not the build's, and online they always come
//   fresh.
// An embedded view (`embed=` in its address: a partner's page) is passed
// to the network as if there were no worker, and nothing it fetches is
// stored.
'use strict';

// Stamped by scripts/offline.mjs; never edit by hand.
const BUILD = { version: 'unstamped', files: [] };

const SCOPE = self.registration.scope;
const PREFIX = `cse ${SCOPE} `;
const APP_CACHE = `${PREFIX}app ${BUILD.version}`;
const DATA_CACHE = `${PREFIX}data`;
const SAVED = 'x-cse-saved';
const DATA = new URL('data/', SCOPE).href;
const INDEX = new URL('index.html', SCOPE).href;
const APP_FILES = new Set(BUILD.files.map((f) => new URL(f, SCOPE).href));
// trunk's names with a content hash: explorer-<16 hex>.js, …_bg.wasm,
// main-<16 hex>.css, start-<16 hex>.js (scripts/csp.mjs).
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

self.addEventListener('install', (event) => {
  // Hashed files come from the HTTP cache when it has them, however old
  // (the name pins the content: the page has just downloaded them, and a
  // phone need not do it twice); the others are revalidated, so that this
  // build's cache holds this build's files.
  const requests = BUILD.files.map((f) => new Request(new URL(f, SCOPE), { cache: HASHED.test(f) ? 'force-cache' : 'no-cache' }));
  event.waitUntil(
    caches.open(APP_CACHE)
      .then((cache) => cache.addAll(requests))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names
        .filter((n) => n.startsWith(`${PREFIX}app `) && n !== APP_CACHE)
        .map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    const here = url.origin + url.pathname;
    if (url.searchParams.has('embed') || (here !== SCOPE && here !== INDEX)) return;
    event.respondWith(fetch(request).catch(() => kept(APP_CACHE, INDEX, request)));
    return;
  }
  const file = url.origin + url.pathname;
  const isData = file.startsWith(DATA);
  if (!isData && !APP_FILES.has(file)) return;
  event.respondWith(fromEmbed(event.clientId).then((embed) => {
    if (embed) return fetch(request);
    if (isData) return data(event, request);
    if (HASHED.test(file)) return kept(APP_CACHE, file).catch(() => fetch(request));
    return fetch(request).catch(() => kept(APP_CACHE, file, request));
  }));
});

// The page that asked, if it is an embedded view.
async function fromEmbed(clientId) {
  const client = clientId ? await self.clients.get(clientId) : null;
  return !!client && new URL(client.url).searchParams.has('embed');
}

// The cached copy of `url` in `cacheName`; else the network's answer to
// `request` (when given), so that its failure is what the page sees.
async function kept(cacheName, url, request) {
  const cache = await caches.open(cacheName);
  const response = await cache.match(url, { ignoreVary: true, ignoreSearch: true });
  if (response) return response;
  if (request) return fetch(request);
  throw new Error(`${url} is not kept`);
}

// A dataset's file: the network's, saved as it passes; the kept copy (with
// the time it was saved) when the network fails.
async function data(event, request) {
  let response;
  try {
    response = await fetch(request);
  } catch (failure) {
    const cache = await caches.open(DATA_CACHE);
    const copy = await cache.match(request.url, { ignoreVary: true });
    if (copy) return copy;
    throw failure;
  }
  if (response.ok) event.waitUntil(save(request.url, response.clone()));
  return response;
}

// Saves a dataset file's response with the time it was saved. Its body as
// the page reads it (already decoded), so the encoding headers go.
async function save(url, response) {
  const headers = new Headers(response.headers);
  for (const h of ['content-encoding', 'content-length', 'vary']) headers.delete(h);
  headers.set(SAVED, new Date().toISOString());
  const copy = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  try {
    await (await caches.open(DATA_CACHE)).put(url, copy);
  } catch {
    // A full disk or a refused quota: the page works on, only not offline.
  }
}

// A page opened before this worker (the first visit) names the dataset
// files it fetched without it; they are saved now, from the HTTP cache
// when it holds them (the page has just downloaded them).
self.addEventListener('message', (event) => {
  const urls = event.data && event.data.keep;
  const from = event.source && event.source.url;
  if (!Array.isArray(urls) || !from || new URL(from).searchParams.has('embed')) return;
  event.waitUntil(caches.open(DATA_CACHE).then((cache) => Promise.all(urls
    .filter((u) => typeof u === 'string' && u.startsWith(DATA) && !u.includes('?'))
    .map((u) => cache.match(u).then((had) => had || fetch(u, { cache: 'force-cache' }).then((r) => r.ok && save(u, r))).catch(() => {})))));
});
