// Loads the content scripts the way the browser does (in manifest order, sharing one global
// namespace) and builds documents with linkedom for them to work on.
import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";

// Exactly what the manifest injects, in its order, but for content/main.js, which starts the
// extension on a real page.
const manifest = JSON.parse(readFileSync(new URL("../manifest.json", import.meta.url), "utf8"));
const CONTENT = manifest.content_scripts[0].js
  .filter((file) => file !== "content/main.js")
  .map((file) => `../${file}`);

export async function postguard() {
  for (const file of CONTENT) await import(file);
  return globalThis.Postguard;
}

export function page(html, { hostname = "x.com", pathname = "/home", search = "" } = {}) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  Object.defineProperty(document, "location", { value: { hostname, pathname, search } });
  return document;
}

// Just enough of a KeyboardEvent for the adapters, which only read these fields.
export function key(target, init = {}) {
  return {
    key: "Enter",
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    isComposing: false,
    ...init,
    target,
  };
}
