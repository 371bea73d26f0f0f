// UI strings come from _locales through the browser's i18n API. Outside the extension (unit
// tests) the key itself is returned, which keeps tests independent of wording.
(function (root) {
  const pg = root.Postguard;

  function t(key, substitutions) {
    const i18n = root.chrome && root.chrome.i18n;
    const text = i18n ? i18n.getMessage(key, substitutions) : "";
    return text || key;
  }

  pg.t = t;
})(globalThis);
