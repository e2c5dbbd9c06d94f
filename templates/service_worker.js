/* The agenda offline: the agenda and meeting pages a person opened are kept, and shown from the device
   when the hall's Wi-Fi is gone. Everything is fetched from the network first, so nothing goes stale while
   online. Kept pages are dropped when anyone signs in or out on this device. */
"use strict";
const PAGES = "filmart-pages";
const ASSETS = "filmart-assets";
const ASSET_URLS = {{ asset_urls|safe }};
const KEPT_PAGE = /^\/meetings\/(\d+\/)?$/;  // the agenda, and one meeting
const SESSION_CHANGE = /^\/accounts\/(login|logout|signup)\//;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(ASSETS).then((cache) => cache.addAll(ASSET_URLS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

function networkFirst(request, cacheName, fallbackUrl) {
  return fetch(request).then((response) => {
    if (response.ok && !response.redirected) {
      const copy = response.clone();
      caches.open(cacheName).then((cache) => cache.put(request, copy));
    }
    return response;
  }).catch(() => caches.open(cacheName).then((cache) =>
    cache.match(request).then((kept) => kept || (fallbackUrl ? cache.match(fallbackUrl) : undefined))
  ).then((kept) => kept || Response.error()));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (SESSION_CHANGE.test(url.pathname)) event.waitUntil(caches.delete(PAGES));  // another person may come next
    return;
  }
  if (ASSET_URLS.includes(url.pathname)) {
    event.respondWith(networkFirst(request, ASSETS));
  } else if (request.mode === "navigate" && KEPT_PAGE.test(url.pathname)) {
    event.respondWith(networkFirst(request, PAGES, "{{ agenda_url }}"));
  }
});
