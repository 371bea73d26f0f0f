// The overlay that shows hints while typing: underlines under the words the companion found and
// a small badge ("2 things to check") that opens the verdict dialog's explanation.
// Nothing here touches the site's editor: React editors break when anything else edits their
// DOM, so the underlines are our own elements, in our own closed shadow root (ui/dialog.js's
// makeHost), placed over the words from Range.getClientRects(). A <textarea>'s words have no
// DOM to take a Range of, so an invisible copy of the textarea with the same box and font is
// laid out in our shadow root and measured instead.
//
// A page script must not learn from the overlay whether a text names someone on the roster:
// the underlines take no pointer events (elementFromPoint never finds them), and the badge is
// there, at the same place and size, whatever the companion found.
(function (root) {
  const pg = root.Postguard;
  const t = (key, subs) => pg.t(key, subs);
  const { el } = pg.ui;

  const STYLE = `
    .line { position: fixed; height: 3px; border-radius: 2px; pointer-events: none; z-index: 2147483645; }
    .line.block { background: #c92a2a; }
    .line.warn { background: #b7791f; }
    .badge { position: fixed; z-index: 2147483645; box-sizing: border-box; width: 11.5rem; height: 1.6rem;
      overflow: hidden; white-space: nowrap; text-overflow: ellipsis; padding: 0 .6rem; border-radius: .8rem;
      font: 600 12px/1.6rem system-ui, sans-serif; text-align: center; cursor: pointer;
      border: 1px solid #888; background: #fff; color: #333; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
    .badge.some { background: #fff4e0; border-color: #b7791f; color: #6b4400; }
    .badge.some.block { background: #ffe3e3; border-color: #c92a2a; color: #7a1010; }
    .badge:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
    .mirror { position: fixed; visibility: hidden; pointer-events: none; overflow: hidden;
      white-space: pre-wrap; overflow-wrap: break-word; }
  `;
  // What a textarea's copy must share with it to wrap its words at the same places.
  const MIRRORED = [
    "boxSizing", "width", "height", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
    "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "borderStyle",
    "fontFamily", "fontSize", "fontWeight", "fontStyle", "fontStretch", "fontVariant", "lineHeight",
    "letterSpacing", "wordSpacing", "textTransform", "textIndent", "tabSize", "direction",
  ];
  const BADGE_GAP = 4;

  function shownFindings(verdict) {
    return (verdict.findings || []).filter((f) => f.severity !== "info");
  }

  // Client rectangles of [start, end) of a textarea's value, measured on a copy of it.
  function textareaRects(doc, shadow, area, start, end) {
    const style = root.getComputedStyle(area);
    const box = area.getBoundingClientRect();
    const mirror = el(doc, "div", { class: "mirror" });
    for (const name of MIRRORED) mirror.style[name] = style[name];
    mirror.style.left = `${box.left}px`;
    mirror.style.top = `${box.top}px`;
    const value = area.value;
    const before = doc.createTextNode(value.slice(0, start));
    const words = doc.createTextNode(value.slice(start, end));
    mirror.append(before, words, doc.createTextNode(value.slice(end) || " "));
    shadow.append(mirror);
    mirror.scrollTop = area.scrollTop;
    mirror.scrollLeft = area.scrollLeft;
    const range = doc.createRange();
    range.selectNodeContents(words);
    const rects = [...range.getClientRects()];
    mirror.remove();
    return rects;
  }

  function rectsOf(doc, shadow, editor, finding) {
    if (editor.nodeName === "TEXTAREA") return textareaRects(doc, shadow, editor, finding.start, finding.end);
    const range = pg.dom.rangeFor(editor, finding.start, finding.end);
    return range ? [...range.getClientRects()] : [];
  }

  // One overlay per page, following one editor at a time. `onOpen()` is called when the person
  // (never a script) presses the badge.
  function create(doc, { onOpen }) {
    let host = null;
    let shadow = null;
    let badge = null;
    let lines = [];
    let editor = null;
    let shown = null; // {text, verdict} on screen now

    function ensureHost() {
      if (host && host.isConnected) return;
      ({ host, shadow } = pg.ui.makeHost(doc, "hints"));
      shadow.append(el(doc, "style", {}, STYLE));
      badge = el(doc, "button", { type: "button", class: "badge", "aria-live": "polite" });
      badge.addEventListener("click", (event) => {
        if (event.isTrusted && shown) onOpen(shown);
      });
      shadow.append(badge);
    }

    function clearLines() {
      for (const line of lines) line.remove();
      lines = [];
    }

    function placeBadge() {
      const box = editor.getBoundingClientRect();
      const rem = parseFloat(root.getComputedStyle(doc.documentElement).fontSize) || 16;
      const height = 1.6 * rem;
      const width = 11.5 * rem;
      // Above the editor's end corner, where the site keeps no controls; below it when there is
      // no room above.
      const top = box.top - height - BADGE_GAP >= 0 ? box.top - height - BADGE_GAP : box.bottom + BADGE_GAP;
      const rtl = root.getComputedStyle(editor).direction === "rtl";
      const left = rtl ? box.left : Math.max(0, box.right - width);
      badge.style.top = `${top}px`;
      badge.style.left = `${left}px`;
    }

    function draw() {
      clearLines();
      if (!shown || !editor || !editor.isConnected) return;
      placeBadge();
      const box = editor.getBoundingClientRect();
      for (const finding of shownFindings(shown.verdict)) {
        if (finding.source && finding.source !== "text") continue;
        if (!Number.isInteger(finding.start) || !Number.isInteger(finding.end)) continue;
        const [start, end] = pg.spans.snap(shown.text, finding.start, finding.end);
        for (const r of rectsOf(doc, shadow, editor, { start, end })) {
          // Words scrolled out of the editor's box are not underlined over the page around it.
          if (r.width < 1 || r.bottom < box.top || r.top > box.bottom) continue;
          const line = el(doc, "div", { class: `line ${finding.severity}`, "data-rule": finding.rule });
          line.style.left = `${r.left}px`;
          line.style.top = `${r.bottom - 1}px`;
          line.style.width = `${r.width}px`;
          shadow.append(line);
          lines.push(line);
        }
      }
    }

    function follow(next) {
      if (editor === next) return;
      editor = next;
      shown = null;
      clearLines();
      if (badge) badge.hidden = true;
    }

    // The companion's answer for `text`, which is what `editor` holds now.
    function show(text, verdict) {
      ensureHost();
      shown = { text, verdict };
      const found = shownFindings(verdict);
      const worst = found.some((f) => f.severity === "block") ? "block" : found.length ? "warn" : "";
      badge.className = `badge${found.length ? ` some ${worst}` : ""}`;
      badge.textContent =
        found.length === 0 ? t("hintsBadgeNone") : found.length === 1 ? t("hintsBadgeOne") : `${found.length} ${t("hintsBadgeMany")}`;
      badge.setAttribute("aria-label", `${t("hintsLabel")}: ${badge.textContent}`);
      badge.dataset.count = String(found.length);
      badge.hidden = false;
      draw();
    }

    // The text changed: what is underlined no longer matches it until the next answer.
    function stale() {
      clearLines();
    }

    // Nothing to hint about any more (the post went out, the editor left the page).
    function hide() {
      clearLines();
      shown = null;
      if (badge) badge.hidden = true;
    }

    function remove() {
      clearLines();
      if (host) host.remove();
      host = null;
      shown = null;
      editor = null;
    }

    return {
      follow,
      show,
      stale,
      hide,
      redraw: draw,
      remove,
      get editor() {
        return editor;
      },
      get text() {
        return shown ? shown.text : null;
      },
    };
  }

  pg.hintsUi = { create, shownFindings };
})(globalThis);
