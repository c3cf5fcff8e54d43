// Tejido's service worker, for the team's phone pages (scope /manage). It keeps the last copy of
// the diary and safety pages and of the scripts and styles they need, so that they open without
// signal, and it asks open pages to send what waits in their outbox when background sync says the
// connection is back. It holds no key and sends nothing itself: the pages send, with their session.
const CACHE = "tejido-field-v1";
const OFFLINE_PAGES = /^\/manage\/sites\/[^/]+\/(safety|fieldwork\/sources\/new)$/;
const ASSETS = /^\/(css|js|icons|webjars)\//;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

async function networkFirst(request, keep) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && (await keep(response.clone()))) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (e) {
    const copy = await cache.match(request);
    if (copy) {
      return copy;
    }
    throw e;
  }
}

// A page that brought back a draft kept on the server holds her words: never kept on the phone.
async function keepPage(response) {
  return !(await response.text()).includes("data-no-offline-copy");
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (event.request.mode === "navigate" && OFFLINE_PAGES.test(url.pathname)) {
    event.respondWith(networkFirst(event.request, keepPage));
  } else if (ASSETS.test(url.pathname)) {
    event.respondWith(networkFirst(event.request, async () => true));
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === "tejido-outbox") {
    event.waitUntil(
      self.clients
        .matchAll({ type: "window" })
        .then((clients) => clients.forEach((client) => client.postMessage("tejido-outbox")))
    );
  }
});
