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

  // Scripts written right to left, by language subtag (Urdu among the languages we carry).
  const RTL = new Set(["ar", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "pnb", "sd", "ug", "ur", "yi"]);

  function pageLanguage(doc) {
    const tag = (doc.documentElement.getAttribute("lang") || "en").trim().toLowerCase().replace(/_/g, "-");
    // Our Punjabi is Gurmukhi (Facebook's pa_IN); Shahmukhi Punjabi (pa-Arab, pa-PK) is another
    // script, so it is not served the Gurmukhi table.
    if (/^pa-(arab|pk)\b/.test(tag)) return "pnb";
    return tag.split("-")[0] || "en";
  }

  // The language of the strings actually shown (English until a page table has loaded), and the
  // direction to lay them out in.
  function shownLanguage() {
    if (pg.pageStrings && pg.pageStrings.shown) return pg.pageStrings.shown;
    const i18n = root.chrome && root.chrome.i18n;
    return ((i18n && i18n.getUILanguage && i18n.getUILanguage()) || "en").split(/[-_]/)[0].toLowerCase();
  }

  function direction(lang) {
    return RTL.has(String(lang || "").split(/[-_]/)[0].toLowerCase()) ? "rtl" : "ltr";
  }

  // Loads the table for the page's current language once; sites switch language without
  // reloading, so the language is read each time.
  async function useLanguageOf(doc, send) {
    const lang = pageLanguage(doc);
    if (pg.pageStrings && pg.pageStrings.lang === lang) return;
    try {
      const answer = await send({ type: "strings", lang });
      // `lang` is the page's (the cache key); `shown` the table's, English for one we do not carry.
      if (answer && answer.messages) pg.pageStrings = { lang, shown: answer.lang || lang, messages: answer.messages };
    } catch {
      // Strings are a nicety: the browser's own language still works.
    }
  }

  pg.t = t;
  pg.useLanguageOf = useLanguageOf;
  pg.strings = { pageLanguage, shownLanguage, direction };
})(globalThis);
