// Every locale we carry is a well-formed _locales table that covers every string the in-page
// dialog shows, so a Welsh page never shows a Welsh title over English buttons.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

const base = new URL("../_locales/", import.meta.url);
const load = (lang) => JSON.parse(readFileSync(new URL(`${lang}/messages.json`, base), "utf8"));
const english = load("en");
const inPage = Object.keys(english).filter((k) => /^(dialog|notice|reason)/.test(k));
const carried = readdirSync(base);

test("English, Welsh and Polish are carried", () => {
  for (const lang of ["en", "cy", "pl"]) assert.ok(carried.includes(lang), lang);
});

for (const lang of carried) {
  test(`${lang}: every in-page string is present and non-empty`, () => {
    const table = load(lang);
    for (const key of inPage) {
      assert.equal(typeof table[key]?.message, "string", `${lang}.${key}`);
      assert.ok(table[key].message.trim(), `${lang}.${key}`);
    }
  });
}

test("the options page's accessible names IT relies on are exactly these in English", () => {
  assert.equal(english.optionsPort.message, "Companion port");
  assert.equal(english.optionsCode.message, "Pairing code");
  assert.equal(english.optionsPair.message, "Pair");
});
