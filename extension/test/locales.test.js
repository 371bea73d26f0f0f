// Every locale we carry has every string the code asks for (in the page, in the options page and
// in the manifest), with the same placeholders; the background serves each of them to pages in
// that language; and a right-to-left language (Urdu) gets a right-to-left dialog.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { CARRIED, shownFor } from "../background/languages.js";
import { page, postguard } from "./load.js";

const root = new URL("../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
const base = new URL("_locales/", root);
const carried = readdirSync(base).sort();
const load = (lang) => JSON.parse(readFileSync(new URL(`${lang}/messages.json`, base), "utf8"));
const english = load("en");

function sources(dir) {
  return readdirSync(new URL(dir, root), { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === "test" || entry.name === "_locales" ? [] : sources(`${dir}${entry.name}/`);
    return /\.(js|html|json)$/.test(entry.name) ? [`${dir}${entry.name}`] : [];
  });
}

// Keys the code uses: t("key") / getMessage("key"), keys named in tables (e.g. problem -> notice
// key), data-i18n="key", __MSG_key__, and every key under a t(`prefix_${…}`) template.
function usedKeys() {
  const used = new Set();
  const prefixes = new Set();
  for (const file of sources("")) {
    const text = read(file);
    for (const m of text.matchAll(/\b(?:t|getMessage)\(\s*["']([A-Za-z0-9_]+)["']/g)) used.add(m[1]);
    for (const m of text.matchAll(/\b(?:t|getMessage)\(\s*`([A-Za-z0-9_]+)\$\{/g)) prefixes.add(m[1]);
    for (const m of text.matchAll(/data-i18n="([A-Za-z0-9_]+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]);
    for (const m of text.matchAll(/["']([A-Za-z][A-Za-z0-9_]+)["']/g)) if (Object.hasOwn(english, m[1])) used.add(m[1]);
  }
  for (const prefix of prefixes) for (const key of Object.keys(english)) if (key.startsWith(prefix)) used.add(key);
  return used;
}
const used = usedKeys();
const placeholders = (message) => [...message.matchAll(/\$([A-Z_]+)\$/g)].map((m) => m[1]).sort();

test("we carry English, Welsh, Polish, Urdu, Romanian and Punjabi", () => {
  assert.deepEqual(carried, ["cy", "en", "pa", "pl", "ro", "ur"]);
  assert.deepEqual([...CARRIED].sort(), carried); // the background carries exactly these
});

test("the key scan sees the dialog, the notices, the options page and the manifest", () => {
  for (const key of ["dialogEdit", "dialogExplain_warn", "noticeUnpaired", "optionsPort", "statusLast", "extName"]) {
    assert.ok(used.has(key), key);
  }
});

test("every key the code uses exists in English (the default locale)", () => {
  for (const key of used) assert.equal(typeof english[key]?.message, "string", key);
});

for (const lang of carried) {
  test(`${lang}: every key the code uses is present, non-empty, with English's placeholders`, () => {
    const table = load(lang);
    for (const key of used) {
      const message = table[key]?.message;
      assert.equal(typeof message, "string", `${lang}.${key} is missing`);
      assert.ok(message.trim(), `${lang}.${key} is empty`);
      assert.deepEqual(placeholders(message), placeholders(english[key].message), `${lang}.${key}`);
      assert.deepEqual(table[key].placeholders, english[key].placeholders, `${lang}.${key} placeholders`);
    }
    assert.deepEqual(Object.keys(table).filter((k) => !Object.hasOwn(english, k)), [], `${lang}: keys English lacks`);
  });

  test(`${lang}: the background serves this table to pages in that language`, () => {
    assert.equal(shownFor(lang), lang);
    assert.equal(shownFor(`${lang}-GB`), lang);
  });
}

test("a page language we do not carry gets English, whatever its direction (shipped code)", () => {
  for (const lang of ["ar", "he", "fr", "zh-Hans", "", undefined, "xx_YY"]) assert.equal(shownFor(lang), "en");
});

test("translations are translations: the in-page strings differ from English", () => {
  for (const lang of carried.filter((l) => l !== "en")) {
    const table = load(lang);
    for (const key of ["dialogTitleBlock", "dialogEdit", "dialogPostAnyway", "noticeNotChecked"]) {
      assert.notEqual(table[key].message, english[key].message, `${lang}.${key}`);
    }
  }
});

// The dialog, driven as the content script drives it: the background answers "strings" with
// the page language's table (English when we do not carry it).
const pg = await postguard();
await import("../ui/dialog.js");

// What ships attaches a closed shadow root (page scripts must not read the dialog). To read the
// dialog here, the test opens the roots attached while it runs; the shipped code is unchanged.
function openShadowRoots(doc) {
  let owner = doc.createElement("div");
  while (owner && !Object.prototype.hasOwnProperty.call(owner, "attachShadow")) owner = Object.getPrototypeOf(owner);
  const attach = owner.attachShadow;
  owner.attachShadow = function (init) {
    return attach.call(this, { ...init, mode: "open" });
  };
  return () => {
    owner.attachShadow = attach;
  };
}

test("the shipped dialog's shadow root is closed to page scripts", async () => {
  const doc = page("<p>page</p>", { hostname: "x.com" });
  pg.ui.showNotice(doc, "hello", 1);
  const host = doc.querySelector("[data-postguard]");
  assert.ok(host, "the notice is on the page");
  assert.equal(host.shadowRoot, null);
  // linkedom drops the !important flag when it serialises; the browser test checks it holds.
  assert.match(host.getAttribute("style") || "", /display: ?block/);
});

// The background's answer to "strings", with the shipped choice of language (background/languages.js).
const backgroundSend = async (message) => {
  assert.equal(message.type, "strings");
  const lang = shownFor(message.lang);
  const table = load(lang);
  return { lang, messages: Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v.message])) };
};

async function dialogFor(lang) {
  const doc = page("<p>page</p>", { hostname: "www.facebook.com" });
  const restore = openShadowRoots(doc);
  doc.documentElement.setAttribute("lang", lang);
  await pg.useLanguageOf(doc, backgroundSend);
  const verdict = {
    verdict: "block",
    findings: [{ rule: "pupil-name", severity: "block", start: 0, end: 10, text: "Josh Smith", message: "m", policy: "p" }],
  };
  pg.ui.showVerdict(doc, { text: "Josh Smith won", verdict, allowPost: false, tipsOnly: false });
  restore();
  const host = doc.querySelector("div[data-postguard=dialog]");
  const backdrop = host.shadowRoot.querySelector(".backdrop");
  return { host, backdrop, title: host.shadowRoot.querySelector("h2").textContent };
}

for (const [lang, shown, dir] of [
  ["ur", "ur", "rtl"],
  ["ur-PK", "ur", "rtl"],
  ["ar", "en", "ltr"], // right-to-left, but not carried: English, laid out left to right
  ["ro", "ro", "ltr"],
  ["pa-IN", "pa", "ltr"],
  ["cy", "cy", "ltr"],
  ["en-GB", "en", "ltr"],
]) {
  test(`a page in "${lang}" gets the dialog in ${shown}, ${dir}`, async () => {
    const { host, backdrop, title } = await dialogFor(lang);
    assert.equal(title, load(shown).dialogTitleBlock.message);
    for (const node of [host, backdrop]) {
      assert.equal(node.getAttribute("dir"), dir);
      assert.equal(node.getAttribute("lang"), shown);
    }
  });
}

test("Shahmukhi Punjabi (pa-Arab) is not served the Gurmukhi table", () => {
  const doc = page("");
  doc.documentElement.setAttribute("lang", "pa-Arab");
  assert.equal(pg.strings.pageLanguage(doc), "pnb");
  assert.equal(pg.strings.direction("pnb"), "rtl");
});
