import assert from "node:assert/strict";
import { test } from "node:test";
import { postguard } from "./load.js";

const { spans } = await postguard();

const marked = (pieces) => pieces.filter((p) => p.severity).map((p) => [p.text, p.severity]);

test("UTF-16 offsets after emoji highlight exactly the named words", () => {
  const text = "🎉🎉 Well done Josh! 👍";
  const start = text.indexOf("Josh");
  assert.equal(start, 15); // two emoji count as four code units
  const pieces = spans.segments(text, [{ start, end: start + 4, severity: "warn" }]);
  assert.deepEqual(marked(pieces), [["Josh", "warn"]]);
  assert.equal(pieces.map((p) => p.text).join(""), text);
});

test("overlapping findings split into pieces carrying the worst severity", () => {
  const text = "Joshua Smith in Year 3";
  const pieces = spans.segments(text, [
    { start: 0, end: 12, severity: "block" },
    { start: 0, end: 6, severity: "warn" },
    { start: 16, end: 22, severity: "info" },
  ]);
  assert.deepEqual(marked(pieces), [
    ["Joshua", "block"],
    [" Smith", "block"],
    ["Year 3", "info"],
  ]);
  assert.deepEqual(pieces[0].findings, [0, 1]);
  assert.equal(pieces.map((p) => p.text).join(""), text);
});

test("spans out of range are clamped and empty or malformed ones dropped", () => {
  const text = "short";
  const pieces = spans.segments(text, [
    { start: 3, end: 99, severity: "block" },
    { start: 4, end: 4, severity: "warn" },
    { start: "1", end: 2, severity: "warn" },
  ]);
  assert.deepEqual(marked(pieces), [["rt", "block"]]);
});

test("a span that would cut an emoji in half is widened to keep it whole", () => {
  const text = "a😀b";
  assert.deepEqual(spans.snap(text, 2, 4), [1, 4]);
  assert.deepEqual(spans.snap(text, 0, 2), [0, 3]);
  const [piece] = marked(spans.segments(text, [{ start: 2, end: 3, severity: "warn" }]));
  assert.equal(piece[0], "😀");
});

test("findings from the HTML or an attachment are listed apart, not highlighted", () => {
  const findings = [
    { start: 0, end: 3, severity: "block", source: "attachment" },
    { start: 0, end: 3, severity: "warn" },
  ];
  assert.deepEqual(marked(spans.segments("abc def", findings)), [["abc", "warn"]]);
  assert.deepEqual(spans.outsideText(findings), [findings[0]]);
});
