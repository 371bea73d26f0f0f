// UI strings, in the page's language where we carry it and English otherwise (staff read the
// dialog in the language they use the site in, which may not be the browser's). The tables are
// the extension's own _locales files, fetched by the background. Before one has loaded (and in
// unit tests) the browser's i18n API answers, and failing that the key itself.
(function (root) {
  const pg = root.Postguard;

  function t(key, substitutions) {
    const table = pg.pageStrings && pg.pageStrings.messages;
    if (table && typeof table[key] === "string") return table[key];
    const i18n = root.chrome && root.chrome.i18n;
    const text = i18n ? i18n.getMessage(key, substitutions) : "";
    return text || key;
  }

  function pageLanguage(doc) {
    return (doc.documentElement.getAttribute("lang") || "en").split("-")[0].toLowerCase();
  }

  // Loads the table for the page's current language once; sites switch language without
  // reloading, so the language is read each time.
  async function useLanguageOf(doc, send) {
    const lang = pageLanguage(doc);
    if (pg.pageStrings && pg.pageStrings.lang === lang) return;
    try {
      const answer = await send({ type: "strings", lang });
      if (answer && answer.messages) pg.pageStrings = { lang, messages: answer.messages };
    } catch {
      // Strings are a nicety: the browser's own language still works.
    }
  }

  pg.t = t;
  pg.useLanguageOf = useLanguageOf;
})(globalThis);
