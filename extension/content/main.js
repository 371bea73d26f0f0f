// Picks the site adapter for this page and starts intercepting.
(function (root) {
  const pg = root.Postguard;
  const api = root.browser ?? root.chrome;
  if (!api || !api.runtime || pg.started) return;

  const host = root.location.hostname;
  const adapter = Object.values(pg.sites).find((site) => site.hosts.includes(host));
  if (!adapter) return;
  pg.started = true;
  pg.ui.sealEvents(root); // first, before any page script can listen on the window

  const send = (message) => api.runtime.sendMessage(message);
  pg.intercept.install(root.document, adapter, send);

  // Tell the options page which surfaces this page has (names only), when they change.
  let last = null;
  let timer = null;
  function report() {
    timer = null;
    const found = adapter.surfaces ? adapter.surfaces(root.document) : [];
    const key = found.join("|");
    if (key === last) return;
    last = key;
    send({ type: "surfaces", surfaces: found }).catch(() => {});
  }
  const observer = new MutationObserver(() => {
    if (!timer) timer = setTimeout(report, 2000);
  });
  observer.observe(root.document, { childList: true, subtree: true });
  root.document.addEventListener("DOMContentLoaded", report, { once: true });
})(globalThis);
