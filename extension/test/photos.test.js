// Which attached files content/photos.js sends as they are (animations, whose frames the companion
// looks at) instead of drawing their first frame onto a canvas. Real attachments of an animated
// GIF, PNG and WebP go through the browsers in tests/e2e/test_photos.py. And what it keeps of
// the companion's answers, when a photo's words were not read in time and it asks once more.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseHTML } from "linkedom";
import { installImageApis, photoFile } from "./browser_images.js";
import { postguard } from "./load.js";

const pg = await postguard();
const { mayBeAnimated, isAvifSequence } = pg.photos;

const ascii = (text) => [...text].map((c) => c.charCodeAt(0));
const u32 = (n) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const chunk = (kind, body = []) => [...u32(body.length), ...ascii(kind), ...body, 0, 0, 0, 0];
const PNG = [0x89, ...ascii("PNG\r\n\x1a\n")];
const IHDR = chunk("IHDR", [...u32(40), ...u32(30), 8, 2, 0, 0, 0]);
const bytes = (...parts) => new Uint8Array(parts.flat());
const webp = (flags) => bytes(ascii("RIFF"), u32(0), ascii("WEBP"), ascii("VP8X"), u32(10), [flags, 0, 0, 0]);

test("a PNG is an animation when an acTL chunk comes before its image data", () => {
  assert.equal(mayBeAnimated(bytes(PNG, IHDR, chunk("acTL", [...u32(2), ...u32(0)]), chunk("IDAT", [1]))), true);
  assert.equal(mayBeAnimated(bytes(PNG, IHDR, chunk("tEXt", ascii("a\0b")), chunk("IDAT", [1]), chunk("IEND"))), false);
});

test("a PNG whose image data is not in its first bytes is sent as an animation, not missed", () => {
  const profile = chunk("iCCP", new Array(70 * 1024).fill(0));
  assert.equal(mayBeAnimated(bytes(PNG, IHDR, profile).subarray(0, 64 * 1024)), true);
});

test("every GIF may be an animation; a WebP is when its VP8X header says so", () => {
  assert.equal(mayBeAnimated(bytes(ascii("GIF89a"), [40, 0, 30, 0])), true);
  assert.equal(mayBeAnimated(bytes(ascii("GIF87a"), [40, 0, 30, 0])), true);
  assert.equal(mayBeAnimated(webp(0x02)), true);
  assert.equal(mayBeAnimated(webp(0x10)), false); // alpha only
  assert.equal(mayBeAnimated(bytes(ascii("RIFF"), u32(0), ascii("WEBPVP8 "), u32(0))), false);
});

test("a JPEG, or anything else, is drawn and scaled down as before", () => {
  assert.equal(mayBeAnimated(bytes([0xff, 0xd8, 0xff, 0xe0], new Array(100).fill(0))), false);
  assert.equal(mayBeAnimated(bytes(ascii("not an image"))), false);
  assert.equal(mayBeAnimated(new Uint8Array(0)), false);
});

test("an AVIF image sequence is told from a still AVIF by its brands", () => {
  const ftyp = (...brands) => {
    const body = [...ascii(brands[0]), 0, 0, 0, 0, ...brands.slice(1).flatMap(ascii)];
    return bytes(u32(8 + body.length), ascii("ftyp"), body, new Array(16).fill(0));
  };
  assert.equal(isAvifSequence(ftyp("avis", "avif", "msf1")), true);
  assert.equal(isAvifSequence(ftyp("avif", "mif1", "avis")), true);
  assert.equal(isAvifSequence(ftyp("avif", "mif1", "miaf")), false);
  assert.equal(isAvifSequence(bytes([0xff, 0xd8, 0xff, 0xe0], new Array(20).fill(0))), false);
});

// photos.watch checking one pasted photo, its answers given in turn by `answers` (a function
// throwing stands for the companion gone).
async function checkedWith(...answers) {
  installImageApis();
  const { document, Event } = parseHTML(
    `<!doctype html><html><body><form><div contenteditable="true" role="textbox" id="post"></div></form></body></html>`,
  );
  let asked = 0;
  const send = async (message) => {
    assert.equal(message.type, "check-image");
    const next = answers[Math.min(asked, answers.length - 1)];
    asked += 1;
    return next();
  };
  const photos = pg.photos.watch(document, pg.sites.x, send, { isPersonsInput: () => true });
  const post = document.getElementById("post");
  const paste = new Event("paste", { bubbles: true, cancelable: true });
  Object.defineProperty(paste, "clipboardData", { value: { files: [photoFile()] } });
  post.dispatchEvent(paste);
  const [attachment] = await photos.attachmentsFor(post.closest("form"));
  photos.stop();
  return { attachment, asked };
}

const image = (fields) => () => ({ ok: true, verdict: { verdict: "allow", findings: [], image: { faces: 0, ...fields } } });
const unread = image({ not_checked: ["words"] });

test("words not read in time are asked for once more, and the second answer is kept", async () => {
  const { attachment, asked } = await checkedWith(unread, image({ text: "Certificate for Joshua Smith" }));
  assert.equal(asked, 2);
  assert.deepEqual(attachment, { kind: "image", faces: 0, text: "Certificate for Joshua Smith" });
});

test("words still not read the second time are reported as not read, never dropped", async () => {
  const { attachment, asked } = await checkedWith(unread, unread, image({ text: "late" }));
  assert.equal(asked, 2);
  assert.deepEqual(attachment, { kind: "image", faces: 0, notChecked: ["words"] });
});

test("the companion gone before the second answer keeps the first one", async () => {
  const gone = () => {
    throw new Error("the companion is not running");
  };
  const { attachment, asked } = await checkedWith(image({ faces: 2, not_checked: ["words"] }), gone);
  assert.equal(asked, 2);
  assert.deepEqual(attachment, { kind: "image", faces: 2, notChecked: ["words"] });
});

test("faces not looked for are not asked for again: another ask would not find a detector", async () => {
  const { attachment, asked } = await checkedWith(image({ not_checked: ["faces"] }), image({ faces: 3 }));
  assert.equal(asked, 1);
  assert.deepEqual(attachment, { kind: "image", faces: 0, notChecked: ["faces"] });
});

test("a file with no type but an image's name is sent to be checked, not left out of the post", async () => {
  installImageApis();
  const { document, Event } = parseHTML(
    `<!doctype html><html><body><form><div contenteditable="true" role="textbox" id="post"></div></form></body></html>`,
  );
  let asked = 0;
  const send = async () => {
    asked += 1;
    return image({ faces: 1 })();
  };
  const photos = pg.photos.watch(document, pg.sites.x, send, { isPersonsInput: () => true });
  const post = document.getElementById("post");
  const heic = new File([new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 104, 101, 105, 99])], "IMG_0412.HEIC", { type: "" });
  const paste = new Event("paste", { bubbles: true, cancelable: true });
  Object.defineProperty(paste, "clipboardData", { value: { files: [heic, new File(["hi"], "notes.txt", { type: "" })] } });
  post.dispatchEvent(paste);
  const attachments = await photos.attachmentsFor(post.closest("form"));
  photos.stop();
  assert.equal(asked, 1);
  assert.deepEqual(attachments, [{ kind: "image", faces: 1 }]);
});

// X's composer, previewing what is pasted into it the way the site does: an <img> in
// [data-testid=attachments] (the adapter's selector), added by the site's own paste handler,
// which runs after the extension's capture listener. Each pasted photo is answered with as many
// faces as its place in the paste order, so the answers tell the photos apart.
function composerShowingPreviews() {
  installImageApis();
  const { document, Event } = parseHTML(
    `<!doctype html><html><body><form><div contenteditable="true" role="textbox" id="post"></div>` +
      `<div data-testid="attachments"></div></form></body></html>`,
  );
  let asked = 0;
  const send = async () => {
    asked += 1;
    return image({ faces: asked })();
  };
  const photos = pg.photos.watch(document, pg.sites.x, send, { isPersonsInput: () => true });
  const post = document.getElementById("post");
  const shown = document.querySelector("[data-testid=attachments]");
  const paste = ({ preview = true } = {}) => {
    const event = new Event("paste", { bubbles: true, cancelable: true });
    Object.defineProperty(event, "clipboardData", { value: { files: [photoFile()] } });
    post.dispatchEvent(event);
    if (!preview) return null;
    const img = document.createElement("img");
    img.setAttribute("src", `blob:https://x.com/${asked}`);
    shown.append(img);
    return img;
  };
  const faces = async (form = post.closest("form")) => (await photos.attachmentsFor(form)).map((a) => a.faces);
  // The site building its composer afresh, the text box and previews as they were
  // (`keep: false`: without the photos).
  const remount = ({ keep = true } = {}) => {
    const old = document.querySelector("form");
    const fresh = old.cloneNode(true);
    if (!keep) fresh.querySelector("[data-testid=attachments]").replaceChildren();
    // The old one emptied as it goes: its previews gone is no removal.
    old.replaceWith(fresh);
    old.querySelector("[data-testid=attachments]").replaceChildren();
    return fresh;
  };
  return { photos, paste, faces, shown, remount };
}

test("a photo taken out of the composer before Post is not in the post's verdict", async () => {
  const { photos, paste, faces } = composerShowingPreviews();
  const preview = paste();
  assert.deepEqual(await faces(), [1]);
  preview.remove(); // the site's "Remove media" button
  assert.deepEqual(await faces(), []);
  photos.stop();
});

test("a photo whose preview never showed still counts: a selector out of date over-warns", async () => {
  const { photos, paste, faces } = composerShowingPreviews();
  paste({ preview: false });
  assert.deepEqual(await faces(), [1]);
  assert.deepEqual(await faces(), [1]);
  photos.stop();
});

test("one of two photos taken out keeps both counted, since which one went cannot be told", async () => {
  const { photos, paste, faces } = composerShowingPreviews();
  const first = paste();
  paste();
  assert.deepEqual(await faces(), [1, 2]);
  first.remove();
  assert.deepEqual(await faces(), [1, 2]);
  photos.stop();
});

test("a photo taken out and another attached: only the new one counts", async () => {
  const { photos, paste, faces } = composerShowingPreviews();
  const first = paste();
  assert.deepEqual(await faces(), [1]);
  first.remove();
  paste();
  assert.deepEqual(await faces(), [2]);
  photos.stop();
});

test("a photo taken out before any look at its preview still counts: no removal was seen", async () => {
  const { photos, paste, faces, shown } = composerShowingPreviews();
  const preview = paste();
  // Taken out in the same moment, before the look when the check ends: to the extension its
  // preview never showed, the same as a selector out of date.
  preview.remove();
  assert.deepEqual(await faces(), [1]);
  assert.equal(shown.children.length, 0);
  photos.stop();
});

test("photos attached before the site built its composer afresh still count in the new one", async () => {
  const { photos, paste, faces, remount } = composerShowingPreviews();
  paste();
  assert.deepEqual(await faces(), [1]);
  const fresh = remount();
  assert.deepEqual(await faces(fresh), [1]);
  // Now its own: taken out there, it no longer counts.
  fresh.querySelector("[data-testid=attachments] img").remove();
  assert.deepEqual(await faces(fresh), []);
  photos.stop();
});

test("a composer built afresh without the photos does not take them", async () => {
  const { photos, paste, faces, remount } = composerShowingPreviews();
  paste();
  assert.deepEqual(await faces(), [1]);
  const fresh = remount({ keep: false });
  assert.deepEqual(await faces(fresh), []);
  photos.stop();
});

test("a photo the composer shows but nobody checked is reported as not checked", async () => {
  const { photos, paste, shown } = composerShowingPreviews();
  paste();
  // One more, put there by the page's own script: no person's paste, drop or choice brought it.
  const img = shown.ownerDocument.createElement("img");
  img.setAttribute("src", "blob:https://x.com/from-a-script");
  shown.append(img);
  // A GIF from X's own search is not a file from this computer.
  const gif = shown.ownerDocument.createElement("img");
  gif.setAttribute("src", "https://media.tenor.com/wave.gif");
  shown.append(gif);
  const form = shown.closest("form");
  assert.deepEqual(await photos.attachmentsFor(form), [
    { kind: "image", faces: 1 },
    { kind: "image", unchecked: true },
  ]);
  photos.stop();
});

test("a preview drawn twice from the same file is one photo", async () => {
  const { photos, paste, shown } = composerShowingPreviews();
  const first = paste();
  shown.append(first.cloneNode(true));
  assert.deepEqual(await photos.attachmentsFor(shown.closest("form")), [{ kind: "image", faces: 1 }]);
  photos.stop();
});

test("previews gone only for a moment at submit (the site redrawing) are no removal", async () => {
  const { photos, paste, faces, shown } = composerShowingPreviews();
  const preview = paste();
  assert.deepEqual(await faces(), [1]);
  preview.remove();
  const asked = faces();
  setTimeout(() => shown.append(preview), 50);
  assert.deepEqual(await asked, [1]);
  photos.stop();
});
