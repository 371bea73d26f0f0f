// The manifest's promises: one tree for Chrome, Edge and Firefox, and access no wider than the
// two sites plus the companion on loopback, which content scripts never match.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

const root = new URL("../", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("manifest.json", root), "utf8"));
const SITES = [
  "https://x.com/*",
  "https://chat.x.com/*",
  "https://twitter.com/*",
  "https://mobile.x.com/*",
  "https://mobile.twitter.com/*",
  "https://www.facebook.com/*",
  "https://web.facebook.com/*",
  "https://m.facebook.com/*",
  "https://www.messenger.com/*",
  "https://messenger.com/*",
];

test("host permissions are the sites plus the companion on loopback, nothing wider", () => {
  assert.deepEqual(
    [...manifest.host_permissions].sort(),
    [...SITES, "http://127.0.0.1/*", "http://localhost/*"].sort(),
  );
  assert.deepEqual(manifest.permissions, ["storage"]);
  assert.equal(manifest.optional_host_permissions, undefined);
});

test("content scripts run on the sites only, never on the companion's origin", () => {
  for (const script of manifest.content_scripts) {
    assert.deepEqual([...script.matches].sort(), [...SITES].sort());
    for (const file of script.js) assert.ok(existsSync(new URL(file, root)), file);
  }
});

test("one background for both engines: a service worker for Chromium, scripts for Firefox", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.background.service_worker, "background/main.js");
  assert.deepEqual(manifest.background.scripts, ["background/main.js"]);
  const gecko = manifest.browser_specific_settings.gecko;
  assert.match(gecko.id, /@/);
  assert.deepEqual(gecko.data_collection_permissions.required, ["none"]);
});

test("the managed schema offers IT exactly the documented settings, and no secrets", () => {
  const schema = JSON.parse(readFileSync(new URL(manifest.storage.managed_schema, root), "utf8"));
  assert.deepEqual(Object.keys(schema.properties).sort(), [
    "companionPort",
    "failMode",
    "hintsWhileTyping",
    "schoolAccounts",
    "timeoutMs",
    "tipsOnly",
  ]);
  assert.deepEqual(schema.properties.failMode.enum, ["open", "closed"]);
  assert.ok(!JSON.stringify(schema).toLowerCase().includes("token"));
});

test("the options page is the one the manifest names", () => {
  assert.ok(existsSync(new URL(manifest.options_ui.page, root)));
});

test("the manifest's matches and the site adapters' host lists are one list", async () => {
  const { postguard } = await import("./load.js");
  const { sites } = await postguard();
  const adapterHosts = Object.values(sites).flatMap((site) => site.hosts).sort();
  const matched = manifest.content_scripts[0].matches.map((m) => new URL(m.replace("/*", "/")).hostname).sort();
  assert.deepEqual(matched, adapterHosts);
});
