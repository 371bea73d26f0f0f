// Turning the companion's findings into highlight segments. Offsets are UTF-16 code units,
// which is exactly how JavaScript strings index, so slicing needs no conversion; we only have to
// distrust the numbers (out of range, overlapping, splitting a surrogate pair).
(function (root) {
  const pg = root.Postguard;
  const RANK = { info: 1, warn: 2, block: 3 };

  function isHigh(code) {
    return code >= 0xd800 && code <= 0xdbff;
  }

  // Widen a span so it never cuts an emoji or other astral character in half.
  function snap(text, start, end) {
    let s = Math.max(0, Math.min(start, text.length));
    let e = Math.max(s, Math.min(end, text.length));
    if (s > 0 && isHigh(text.charCodeAt(s - 1)) && s < text.length && !isHigh(text.charCodeAt(s))) {
      const code = text.charCodeAt(s);
      if (code >= 0xdc00 && code <= 0xdfff) s -= 1;
    }
    if (e > 0 && e < text.length && isHigh(text.charCodeAt(e - 1))) e += 1;
    return [s, e];
  }

  function inText(finding) {
    return !finding.source || finding.source === "text";
  }

  // Findings whose span lies in the text, as [start, end) pieces each carrying the worst severity
  // and the indexes of every finding that covers it. Plain text between them is included, so the
  // caller renders the whole text by walking the list.
  function segments(text, findings) {
    const marks = [];
    findings.forEach((f, index) => {
      if (!inText(f) || !Number.isInteger(f.start) || !Number.isInteger(f.end)) return;
      const [s, e] = snap(text, f.start, f.end);
      if (e > s) marks.push({ start: s, end: e, index, severity: f.severity });
    });
    const cuts = new Set([0, text.length]);
    for (const m of marks) {
      cuts.add(m.start);
      cuts.add(m.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < points.length; i += 1) {
      const start = points[i];
      const end = points[i + 1];
      const covering = marks.filter((m) => m.start <= start && m.end >= end);
      const piece = { start, end, text: text.slice(start, end), findings: covering.map((m) => m.index) };
      if (covering.length) {
        piece.severity = covering.reduce(
          (worst, m) => (RANK[m.severity] > RANK[worst] ? m.severity : worst),
          "info",
        );
      }
      const last = out[out.length - 1];
      if (last && !last.severity && !piece.severity) {
        last.end = end;
        last.text += piece.text;
      } else {
        out.push(piece);
      }
    }
    return out;
  }

  // Findings the text cannot show (from the HTML or an attachment), listed on their own.
  function outsideText(findings) {
    return findings.filter((f) => !inText(f));
  }

  pg.spans = { segments, outsideText, snap };
})(globalThis);
