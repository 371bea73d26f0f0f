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

  pg.dom = { editorText, normLabel, labelIn, labelStartsWith, nearestContaining };
})(globalThis);
