// Hints while typing: which element holds the text, how the companion's offsets map back onto
// the editor's text nodes, and when (and how often) a hint is asked for. Layout (underlines,
// the badge) needs a real browser: tests/e2e/test_hints.py.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseHTML } from "linkedom";
import { postguard } from "./load.js";

const pg = await postguard();
// linkedom does no layout: every box is empty and every style the default, which is all the
// overlay needs here (where underlines land is tested in real browsers).
globalThis.getComputedStyle = () => ({ fontSize: "16px", direction: "ltr" });

function documentWith(html) {
  const window = parseHTML(`<!doctype html><html lang="en"><body>${html}</body></html>`);
  Object.defineProperty(window.document, "location", { value: { hostname: "x.com", pathname: "/home" } });
  return window;
}

// A clock the test moves by hand: timers fire when it passes their time.
function clock() {
  let now = 0;
  let next = 1;
  const pending = new Map();
  return {
    now: () => now,
    timers: {
      set(fn, ms) {
        const id = next++;
        pending.set(id, { fn, at: now + ms });
        return id;
      },
      clear(id) {
        pending.delete(id);
      },
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        await due[1].fn();
      }
      now = until;
    },
  };
}

const PERSON = { isPersonsInput: (event) => event.person === true };

function typing(window, editor, person = true) {
  const event = new window.Event("input", { bubbles: true });
  event.person = person;
  editor.dispatchEvent(event);
}

function setup(answer = { ok: false, problem: "unreachable" }) {
  const window = documentWith(`<div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"><div data-block="true">Hi</div></div>`);
  const editor = window.document.querySelector("[data-testid=tweetTextarea_0]");
  const asked = [];
  const send = async (message) => {
    if (message.type === "hint-post") asked.push(message);
    return typeof answer === "function" ? answer(message) : answer;
  };
  const time = clock();
  const hints = pg.hints.watch(window.document, pg.sites.x, send, { ...PERSON, now: time.now, timers: time.timers });
  const write = (text) => {
    editor.firstChild.textContent = text;
    typing(window, editor);
  };
  return { window, editor, asked, time, hints, write };
}

test("the text's editor: a textarea, or the outermost contenteditable, never a search input", () => {
  const { document } = documentWith(`
    <div id="host" contenteditable="true"><p><span id="inner" contenteditable="true">x</span></p></div>
    <textarea id="area"></textarea><input id="search" type="search">`);
  assert.equal(pg.hints.editorFor(document.querySelector("#inner")).id, "host");
  assert.equal(pg.hints.editorFor(document.querySelector("#area")).id, "area");
  assert.equal(pg.hints.editorFor(document.querySelector("#search")), null);
});

test("the companion's offsets land on the same characters in the editor's text nodes", () => {
  const { document } = documentWith(`<div id="e" contenteditable="true">
    <p>Well done <b>Josh</b> Smith</p><p>line two<br>and <i>three</i></p><p><br></p></div>`);
  const editor = document.querySelector("#e");
  const text = pg.dom.editorText(editor);
  const pieces = pg.dom.textPieces(editor);
  assert.ok(pieces.length >= 5);
  for (const { node, start } of pieces) {
    assert.equal(text.slice(start, start + node.nodeValue.length), node.nodeValue);
  }
  const josh = pieces.find((p) => p.node.nodeValue === "Josh");
  assert.equal(josh.start, text.indexOf("Josh"));
  const three = pieces.find((p) => p.node.nodeValue === "three");
  assert.equal(three.start, text.indexOf("three"));
});

test("nothing is asked while the person keeps typing; one hint after a pause, with the text", async () => {
  const { asked, time, write } = setup();
  for (const text of ["W", "We", "Wel", "Well", "Well d", "Well done Jo", "Well done Josh"]) {
    write(text);
    await time.advance(200);
  }
  assert.equal(asked.length, 0);
  await time.advance(1000);
  assert.equal(asked.length, 1);
  assert.equal(asked[0].payload.text, "Well done Josh");
  assert.equal(asked[0].payload.site, "x");
  assert.equal(asked[0].payload.context, "post");
});

test("the same text is not asked about twice, and requests keep their minimum interval", async () => {
  const allow = { ok: true, verdict: { verdict: "allow", findings: [] } };
  const { window, asked, time, write } = setup(allow);
  write("See you at six");
  await time.advance(1000);
  write("See you at six");
  await time.advance(5000);
  assert.equal(asked.length, 1);
  write("See you at six!");
  await time.advance(900);
  write("See you at six!!");
  await time.advance(900);
  write("See you at six!!!");
  await time.advance(900);
  // Three pauses of the quiet time within 2.7 s: the minimum interval (2.5 s) allows two.
  assert.equal(asked.length, 2);
  await time.advance(5000);
  assert.equal(asked.length, 3);
  assert.equal(asked[2].payload.text, "See you at six!!!");
  // The answer is shown: the badge says there is nothing to check.
  const host = window.document.querySelector("div[data-postguard=hints]");
  assert.ok(host, "the hints overlay is on the page");
});

test("a page script's input events never start a hint", async () => {
  const { window, editor, asked, time } = setup();
  editor.firstChild.textContent = "Joshua Smith";
  typing(window, editor, false);
  await time.advance(10000);
  assert.equal(asked.length, 0);
});

test("when IT has turned hints off the page stops asking", async () => {
  const { asked, time, write } = setup({ ok: false, problem: "off" });
  write("first");
  await time.advance(1000);
  assert.equal(asked.length, 1);
  write("second");
  await time.advance(10000);
  write("third");
  await time.advance(10000);
  assert.equal(asked.length, 1);
});

test("an unreachable companion is not asked again for the back-off time", async () => {
  const { asked, time, write } = setup({ ok: false, problem: "unreachable" });
  write("first");
  await time.advance(1000);
  write("second");
  await time.advance(10000);
  assert.equal(asked.length, 1);
  await time.advance(25000);
  assert.equal(asked.length, 2);
  assert.equal(asked[1].payload.text, "second");
});

test("with the shipped default, scripted input (isTrusted false) never starts a hint", async () => {
  const window = documentWith(`<div contenteditable="true" id="e"><p>Joshua Smith</p></div>`);
  const asked = [];
  const time = clock();
  pg.hints.watch(window.document, pg.sites.x, async (m) => asked.push(m), { now: time.now, timers: time.timers });
  window.document.querySelector("#e").dispatchEvent(new window.Event("input", { bubbles: true }));
  await time.advance(10000);
  assert.equal(asked.length, 0);
});
