// Which attached photos a post's verdict counts when X's composers change under them: a photo
// taken out ("Remove media"), a composer X builds afresh with the same photos, a reply dialog
// the person discarded, a send X did not complete. X's inline composer is laid out as in
// tests/e2e/fixtures/x/home.html (no <form>: a paste lands in the text box's own wrapper).
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseHTML } from "linkedom";
import { installImageApis, photoFile } from "./browser_images.js";
import { postguard } from "./load.js";

const pg = await postguard();
const X = pg.sites.x;

const INLINE = `<main><div id="slot"><div class="composer">
  <div data-testid="tweetTextarea_0_label"><div data-testid="tweetTextarea_0" contenteditable="true" role="textbox" aria-multiline="true"></div></div>
  <div data-testid="attachments"></div>
  <div data-testid="toolBar"><input type="file" data-testid="fileInput" multiple></div>
  <div role="button" data-testid="tweetButtonInline">Post</div></div></div></main>`;
const REPLY = `<div id="layers"><div role="dialog" id="reply">
  <div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"></div>
  <div data-testid="attachments"></div>
  <div data-testid="toolBar"><input type="file" data-testid="fileInput"></div>
  <div role="button" data-testid="tweetButton">Reply</div></div></div>`;

// A page of X's composers whose photos are answered with faces by file name.
function xWith(html, faces) {
  installImageApis();
  const { document, Event } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  Object.defineProperty(document, "location", { value: { hostname: "x.com", pathname: "/home", search: "" } });
  const named = [];
  const send = async () => ({ ok: true, verdict: { verdict: "allow", findings: [], image: { faces: faces[named.shift()] ?? 0 } } });
  const photos = pg.photos.watch(document, X, send, { isPersonsInput: () => true });
  let previews = 0;
  // X's own handlers preview each photo after the extension's capture listener has run.
  const preview = (composer) => {
    const img = document.createElement("img");
    img.setAttribute("src", `blob:https://x.com/${(previews += 1)}`);
    composer.querySelector("[data-testid=attachments]").append(img);
    return img;
  };
  const paste = (composer, name) => {
    named.push(name);
    const event = new Event("paste", { bubbles: true, cancelable: true });
    Object.defineProperty(event, "clipboardData", { value: { files: [photoFile(name)] } });
    composer.querySelector("[data-testid=tweetTextarea_0]").dispatchEvent(event);
    return preview(composer);
  };
  const pick = (composer, name) => {
    named.push(name);
    const input = composer.querySelector("[data-testid=fileInput]");
    Object.defineProperty(input, "files", { value: [photoFile(name)], configurable: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
    return preview(composer);
  };
  // The scope a click on the composer's Post or Reply button is judged in (content/intercept.js).
  const scopeOf = (composer) => X.fromClick(composer.querySelector("[data-testid^=tweetButton]")).scope;
  const counted = async (composer) =>
    (await photos.attachmentsFor(scopeOf(composer))).map((a) => (a.unchecked ? "unchecked" : a.faces));
  // X building a composer afresh with the same text and photos.
  const remount = (composer) => {
    const fresh = composer.cloneNode(true);
    composer.replaceWith(fresh);
    return fresh;
  };
  return { document, photos, paste, pick, counted, remount, scopeOf };
}

for (const [how, attach] of [
  ["pasted into the text box", (page, composer) => page.paste(composer, "kids.jpg")],
  ["chosen in the file picker", (page, composer) => page.pick(composer, "kids.jpg")],
]) {
  test(`a photo ${how} and taken out with "Remove media" is not counted`, async () => {
    const page = xWith(INLINE, { "kids.jpg": 3 });
    const composer = page.document.querySelector(".composer");
    const shown = attach(page, composer);
    assert.deepEqual(await page.counted(composer), [3]);
    shown.remove();
    assert.deepEqual(await page.counted(composer), []);
    page.photos.stop();
  });
}

test("a photo from a reply dialog the person discarded is not counted in a composer X rebuilt", async () => {
  const page = xWith(INLINE + REPLY, { "kids.jpg": 3, "sunset.jpg": 0 });
  const reply = page.document.querySelector("#reply");
  page.pick(reply, "kids.jpg");
  assert.deepEqual(await page.counted(reply), [3]);
  reply.remove();
  let inline = page.document.querySelector(".composer");
  page.pick(inline, "sunset.jpg");
  assert.deepEqual(await page.counted(inline), [0]);
  inline = page.remount(inline);
  assert.deepEqual(await page.counted(inline), [0]);
  page.photos.stop();
});

test("two composers X rebuilt each count their own photo", async () => {
  const page = xWith(INLINE + REPLY, { "kids.jpg": 3, "sunset.jpg": 0 });
  let inline = page.document.querySelector(".composer");
  let reply = page.document.querySelector("#reply");
  page.pick(inline, "kids.jpg");
  page.pick(reply, "sunset.jpg");
  assert.deepEqual(await page.counted(inline), [3]);
  assert.deepEqual(await page.counted(reply), [0]);
  inline = page.remount(inline);
  reply = page.remount(reply);
  assert.deepEqual(await page.counted(reply), [0]);
  page.photos.forget(page.scopeOf(reply)); // the reply went out
  assert.deepEqual(await page.counted(inline), [3]);
  page.photos.stop();
});

test("a post X did not send keeps its photo's finding for the next Post; once sent, it is gone", async () => {
  const page = xWith(INLINE + REPLY, { "kids.jpg": 3, "sunset.jpg": 0 });
  const reply = page.document.querySelector("#reply");
  page.pick(reply, "sunset.jpg");
  await page.counted(reply);
  reply.remove(); // discarded
  const inline = page.document.querySelector(".composer");
  const shown = page.pick(inline, "kids.jpg");
  assert.deepEqual(await page.counted(inline), [3]);
  page.photos.forget(page.scopeOf(inline)); // Post let through; X says "Something went wrong"
  assert.deepEqual(await page.counted(inline), [3]);
  page.photos.forget(page.scopeOf(inline)); // Post again, and this time X empties the composer
  shown.remove();
  assert.deepEqual(await page.counted(inline), []);
  page.photos.stop();
});
