// Images arriving in a composer (content/arrivals.js): which events bring which image files, and
// which composer they belong to; and that content/photos.js checks each file once, only from the
// person's own events, without stopping the site's handling. Real paste, drop and file pickers
// (isTrusted, the clipboard, CDP drags) are in tests/e2e/test_photos.py.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseHTML } from "linkedom";
import { postguard } from "./load.js";

const pg = await postguard();
const { arrival, scopeOf } = pg.arrivals;

const documentWith = (html) => parseHTML(`<!doctype html><html lang="en"><body>${html}</body></html>`);

const file = (name, type) => ({ name, type, size: 10 });
const PHOTO = file("photo.png", "image/png");
const NOTES = file("notes.txt", "text/plain");

// Just what arrival() reads of a paste, drop, input or change event.
function fakeEvent(type, target, extra = {}) {
  return { type, target, composedPath: () => [target], ...extra };
}

const PAGE = `
  <div role="dialog"><div contenteditable="true" role="textbox" id="post"></div><div id="zone">drop here</div></div>
  <form><div contenteditable="true" role="textbox" id="comment"></div></form>
  <main><div contenteditable="true" role="textbox" id="inline"></div></main>
  <input type="file" id="picker">`;

test("a paste into a text box brings its image files, and belongs to the composer around it", () => {
  const { document } = documentWith(PAGE);
  const post = document.getElementById("post");
  const found = arrival(fakeEvent("paste", post, { clipboardData: { files: [PHOTO, NOTES], items: [] } }));
  assert.deepEqual(found.files, [PHOTO]);
  assert.equal(found.scope, post.closest("[role=dialog]"));
  const comment = document.getElementById("comment");
  assert.equal(arrival(fakeEvent("paste", comment, { clipboardData: { files: [PHOTO] } })).scope, comment.closest("form"));
  // X's inline composer has no form or dialog: the block holding its text box is its scope.
  const inline = document.getElementById("inline");
  assert.equal(arrival(fakeEvent("paste", inline, { clipboardData: { files: [PHOTO] } })).scope, inline.closest("main"));
});

test("a pasted image listed only among the clipboard's items is found too", () => {
  const { document } = documentWith(PAGE);
  const items = [
    { kind: "string", type: "text/html", getAsFile: () => null },
    { kind: "file", type: "image/png", getAsFile: () => PHOTO },
  ];
  const found = arrival(fakeEvent("paste", document.getElementById("post"), { clipboardData: { files: [], items } }));
  assert.deepEqual(found.files, [PHOTO]);
});

test("text, other files, and pastes outside a text box bring nothing", () => {
  const { document } = documentWith(PAGE);
  const post = document.getElementById("post");
  assert.equal(arrival(fakeEvent("paste", post, { clipboardData: { files: [NOTES], items: [] } })), null);
  assert.equal(arrival(fakeEvent("paste", post, { clipboardData: null })), null);
  assert.equal(arrival(fakeEvent("paste", document.body, { clipboardData: { files: [PHOTO] } })), null);
});

test("a drop onto a composer brings its images, even beside the text box or on a text node", () => {
  const { document } = documentWith(PAGE);
  const zone = document.getElementById("zone");
  const onZone = arrival(fakeEvent("drop", zone, { dataTransfer: { files: [PHOTO] } }));
  assert.deepEqual(onZone.files, [PHOTO]);
  assert.equal(onZone.scope, zone.closest("[role=dialog]"));
  const onText = arrival(fakeEvent("drop", zone.firstChild, { dataTransfer: { files: [PHOTO] } }));
  assert.equal(onText.scope, zone.closest("[role=dialog]"));
});

test("a drop on a page with no text box brings nothing", () => {
  const { document } = documentWith(`<div id="somewhere">a picture gallery</div>`);
  const somewhere = document.getElementById("somewhere");
  assert.equal(arrival(fakeEvent("drop", somewhere, { dataTransfer: { files: [PHOTO] } })), null);
});

test("a file picker's input and change events bring its image files; other inputs nothing", () => {
  const { document } = documentWith(PAGE);
  const picker = document.getElementById("picker");
  Object.defineProperty(picker, "files", { value: [PHOTO, NOTES] });
  for (const type of ["input", "change"]) {
    const found = arrival(fakeEvent(type, picker));
    assert.deepEqual(found.files, [PHOTO]);
    assert.equal(found.scope, scopeOf(picker));
  }
  // Typing in a text box fires "input" too.
  assert.equal(arrival(fakeEvent("input", document.getElementById("post"))), null);
  assert.equal(arrival(fakeEvent("keydown", picker)), null);
});

// photos.watch with the real listeners: linkedom cannot decode images, so every check ends as
// "not checked", which is enough to count them.
function watched(isPersonsInput) {
  const { document, Event } = documentWith(PAGE);
  const sent = [];
  const photos = pg.photos.watch(document, pg.sites.x, async (m) => sent.push(m), { isPersonsInput });
  return { document, Event, photos, sent };
}

function dispatch(document, Event, type, target, extra) {
  const event = new Event(type, { bubbles: true, cancelable: true });
  for (const [key, value] of Object.entries(extra || {})) Object.defineProperty(event, key, { value });
  target.dispatchEvent(event);
  return event;
}

test("a picked file arriving with both input and change is checked once; the site's paste goes on", async () => {
  const { document, Event, photos } = watched(() => true);
  const picker = document.getElementById("picker");
  const chosen = { ...PHOTO };
  Object.defineProperty(picker, "files", { value: [chosen] });
  dispatch(document, Event, "input", picker);
  dispatch(document, Event, "change", picker);
  const post = document.getElementById("post");
  const pasted = dispatch(document, Event, "paste", post, { clipboardData: { files: [{ ...PHOTO }] } });
  assert.equal(pasted.defaultPrevented, false);
  assert.equal((await photos.attachmentsFor(document)).length, 2);
  // The dialog's submit sees the pasted photo (and the picker's, page-wide); a form's, only the picker's.
  assert.equal((await photos.attachmentsFor(post.closest("[role=dialog]"))).length, 2);
  assert.equal((await photos.attachmentsFor(document.querySelector("form"))).length, 1);
  photos.stop();
});

test("events that are not the person's own are not checked", async () => {
  const { document, Event, photos } = watched(() => false);
  dispatch(document, Event, "paste", document.getElementById("post"), { clipboardData: { files: [PHOTO] } });
  dispatch(document, Event, "drop", document.getElementById("zone"), { dataTransfer: { files: [PHOTO] } });
  assert.deepEqual(await photos.attachmentsFor(document), []);
  photos.stop();
});

test("a file input inside a shadow root is heard once the person has used that root", async () => {
  const { document, Event, photos } = watched(() => true);
  const host = document.createElement("div");
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<input type="file" data-testid="dm-composer-file-input"><form><textarea></textarea></form>`;
  const input = root.querySelector("input");
  Object.defineProperty(input, "files", { value: [{ ...PHOTO }] });
  // Before: its "change" stays in the root.
  dispatch(document, Event, "change", input);
  assert.deepEqual(await photos.attachmentsFor(document), []);
  // The person clicks in the root (the "Add file" button), then picks a file.
  dispatch(document, Event, "click", document.body, { composedPath: () => [root.querySelector("form"), root, host] });
  dispatch(document, Event, "change", input);
  dispatch(document, Event, "change", input); // the same files again are not checked twice
  const found = await photos.attachmentsFor(root.querySelector("form"));
  assert.equal(found.length, 1);
  photos.stop();
});

test("a photo attached in X's inline composer is not a reply dialog's, nor forgotten when that is posted", async () => {
  const { document, Event } = documentWith(`
    <main><div id="composer"><div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"></div>
      <input type="file" data-testid="fileInput" id="picker">
      <button data-testid="tweetButtonInline">Post</button></div></main>
    <div role="dialog"><div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"></div>
      <button data-testid="tweetButton">Reply</button></div>`);
  const photos = pg.photos.watch(document, pg.sites.x, async () => {}, { isPersonsInput: () => true });
  const picker = document.getElementById("picker");
  Object.defineProperty(picker, "files", { value: [{ ...PHOTO }] });
  dispatch(document, Event, "change", picker);
  const inline = pg.sites.x.fromClick(document.querySelector("[data-testid=tweetButtonInline]"));
  const reply = pg.sites.x.fromClick(document.querySelector("[data-testid=tweetButton]"));
  assert.equal((await photos.attachmentsFor(reply.scope)).length, 0);
  photos.forget(reply.scope); // the reply goes out
  assert.equal((await photos.attachmentsFor(inline.scope)).length, 1);
  photos.stop();
});

test("a file the browser gives no type is an image by its name: an iPhone's HEIC in Chrome on Windows", () => {
  const { document } = documentWith(PAGE);
  const picker = document.getElementById("picker");
  const heic = file("IMG_0412.HEIC", "");
  const jpeg = file("photo.jpeg", "");
  Object.defineProperty(picker, "files", { value: [heic, jpeg, file("notes", ""), file("notes.txt", "")] });
  assert.deepEqual(arrival(fakeEvent("change", picker)).files, [heic, jpeg]);
  // A type, when there is one, decides.
  assert.equal(pg.arrivals.isImage(file("photo.jpg", "text/plain")), false);
  assert.equal(pg.arrivals.isImage(file("scan", "image/tiff")), true);
});
