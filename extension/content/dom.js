// Small DOM helpers the site adapters share. Read-only: nothing here writes to the page.
(function (root) {
  const pg = root.Postguard;

  // What the user typed: one line per editor block (Lexical's <p>, Draft's data-block divs), <br>
  // as a line break. Built from the DOM rather than innerText so the result does not depend on
  // layout and is the same in unit tests; the companion's offsets index into exactly this string.
  function inlineText(node) {
    let out = "";
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out += child.nodeValue;
      else if (child.nodeType === 1 && child.nodeName === "BR") out += "\n";
      else if (child.nodeType === 1) out += inlineText(child);
    }
    return out;
  }

  const BLOCK = "p, div[data-block='true']";

  function insideBlock(node, editor) {
    for (let up = node.parentElement; up && up !== editor; up = up.parentElement) {
      if (up.matches(BLOCK)) return true;
    }
    return false;
  }

  function editorText(el) {
    if (!el) return "";
    // Plain form fields (m.facebook.com's basic composer, some chat boxes): what is typed lives in
    // .value, not in the DOM (a <textarea>'s children are only its initial text).
    if (el.nodeName === "TEXTAREA" || el.nodeName === "INPUT") return String(el.value ?? "");
    const blocks = [...el.querySelectorAll(BLOCK)].filter((b) => !insideBlock(b, el));
    const text = blocks.length ? blocks.map(inlineText).join("\n") : inlineText(el);
    // A lone trailing <br> is how editors keep an empty line open; it is not content.
    return text.replace(/\n$/, "");
  }

  // The text nodes of a contenteditable editor with the offset each starts at in editorText(el),
  // counted exactly as editorText counts (a <br> and a line between blocks are one "\n"), so that
  // the companion's offsets can be turned back into places on the page.
  function textPieces(el) {
    const pieces = [];
    let at = 0;
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) {
          pieces.push({ node: child, start: at });
          at += child.nodeValue.length;
        } else if (child.nodeType === 1 && child.nodeName === "BR") at += 1;
        else if (child.nodeType === 1) walk(child);
      }
    };
    const blocks = [...el.querySelectorAll(BLOCK)].filter((b) => !insideBlock(b, el));
    if (blocks.length) {
      blocks.forEach((block, i) => {
        if (i) at += 1;
        walk(block);
      });
    } else walk(el);
    return pieces;
  }

  // A DOM Range over [start, end) of editorText(el), or null when the offsets do not land in
  // the editor's text (it changed since they were computed). Reading only: nothing is modified.
  function rangeFor(el, start, end) {
    const pieces = textPieces(el);
    const place = (offset, preferNext) => {
      for (let i = 0; i < pieces.length; i += 1) {
        const { node, start: from } = pieces[i];
        const to = from + node.nodeValue.length;
        if (offset < from) return null;
        if (offset < to || (offset === to && !(preferNext && pieces[i + 1]?.start === to))) {
          return [node, offset - from];
        }
      }
      return null;
    };
    const a = place(start, true);
    const b = place(end, false);
    if (!a || !b) return null;
    const range = el.ownerDocument.createRange();
    range.setStart(a[0], a[1]);
    range.setEnd(b[0], b[1]);
    return range;
  }

  // Labels are compared case-insensitively and without trailing dots or ellipses, because sites
  // vary "Write a comment…" / "Write a comment..." between builds.
  function normLabel(label) {
    return (label || "")
      .normalize("NFC")
      .toLocaleLowerCase()
      .replace(/[.…\s]+$/u, "")
      .replace(/\s+/gu, " ")
      .trim();
  }

  function labelIn(label, table) {
    const norm = normLabel(label);
    return !!norm && table.some((entry) => normLabel(entry) === norm);
  }

  function labelStartsWith(label, table) {
    const norm = normLabel(label);
    return !!norm && table.some((entry) => norm.startsWith(normLabel(entry)));
  }

  // The nearest ancestor of `from` that contains something matching `selector`.
  function nearestContaining(from, selector, stop) {
    for (let node = from && from.parentElement; node; node = node.parentElement) {
      if (node.querySelector(selector)) return node;
      if (node === stop) break;
    }
    return null;
  }

  pg.dom = { editorText, textPieces, rangeFor, normLabel, labelIn, labelStartsWith, nearestContaining };
})(globalThis);
