// Loads the content scripts the way the browser does (in manifest order, sharing one global
// namespace) and builds documents with linkedom for them to work on.
import { parseHTML } from "linkedom";

const CONTENT = [
  "../content/namespace.js",
  "../content/strings.js",
  "../content/spans.js",
  "../content/dom.js",
  "../sites/x.js",
  "../sites/facebook.js",
  "../content/net.js",
];

export async function postguard() {
  for (const file of CONTENT) await import(file);
  return globalThis.Postguard;
}

export function page(html, { hostname = "x.com", pathname = "/home" } = {}) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  Object.defineProperty(document, "location", { value: { hostname, pathname } });
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
