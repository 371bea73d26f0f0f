// Picks the site adapter for this page and starts intercepting.
(function (root) {
  const pg = root.Postguard;
  const api = root.browser ?? root.chrome;
  if (!api || !api.runtime || pg.started) return;

  const host = root.location.hostname;
  const adapter = Object.values(pg.sites).find((site) => site.hosts.includes(host));
  if (!adapter) return;
  pg.started = true;

  const send = (message) => api.runtime.sendMessage(message);
  pg.intercept.install(root.document, adapter, send);
})(globalThis);
