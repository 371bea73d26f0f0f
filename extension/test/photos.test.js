// Which attached files content/photos.js sends as they are (animations, whose frames the companion
// looks at) instead of drawing their first frame onto a canvas. Real attachments of an animated
// GIF, PNG and WebP go through the browsers in tests/e2e/test_photos.py.
import assert from "node:assert/strict";
import { test } from "node:test";
import { postguard } from "./load.js";

const { mayBeAnimated, isAvifSequence } = (await postguard()).photos;

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
