// What the background sends the companion, built from what a content script asked: only the
// fields the HTTP contract (companion/server/http_contract.json) names, each of the right type
// and within its limits, whatever the message held. extension/test/contract.test.js checks
// these bodies against the contract's schemas.
import "../common/constants.js";
import { accountFor } from "./account.js";

const shared = globalThis.PostguardShared;
const SITES = new Set(shared.sites);
const CONTEXTS = new Set(shared.contexts);
const ACTIONS = new Set(shared.contactActions);
const LIMITS = shared.limits;
const PHOTO_PARTS = shared.photoParts;

function attachment(a) {
  const item = {
    kind: "image",
    name: String(a.name ?? "").slice(0, LIMITS.attachmentName),
    alt: String(a.alt ?? "").slice(0, LIMITS.altText),
  };
  // What the image's own check found when it was attached (content/photos.js).
  if (Number.isInteger(a.faces) && a.faces >= 0) item.faces = a.faces;
  // Of those faces, how many look like a child's: it only words the finding.
  if (item.faces !== undefined && Number.isInteger(a.children) && a.children >= 0 && a.children <= item.faces) {
    item.children = a.children;
  }
  if (a.unchecked === true) item.unchecked = true;
  if (typeof a.logo === "boolean") item.logo = a.logo;
  // The words its check read in it (OCR), judged again with the post.
  if (typeof a.text === "string" && a.text) item.text = a.text.slice(0, LIMITS.imageText);
  // The parts of its check that could not be done: each known part once.
  if (Array.isArray(a.notChecked)) {
    const parts = PHOTO_PARTS.filter((part) => a.notChecked.includes(part));
    if (parts.length) item.not_checked = parts;
  }
  return item;
}

// `identity`: who the post goes out as (the adapter's reading of the page); `policy`: IT's.
// The companion decides from `identity` whether that is one of the school's own accounts (its
// school profile is the one list of them); `account` says "school" beforehand only for an
// account IT added in its managed `schoolAccounts`.
export function postBody(payload, identity, policy) {
  const body = {
    text: String(payload.text ?? ""),
    site: SITES.has(payload.site) ? payload.site : "x",
    context: CONTEXTS.has(payload.context) ? payload.context : "post",
    account: accountFor(identity, policy.schoolAccounts),
  };
  if (typeof identity === "string" && identity.trim()) body.identity = identity.trim().slice(0, LIMITS.identity);
  if (Array.isArray(payload.attachments)) {
    const items = payload.attachments.filter((a) => a && typeof a === "object");
    if (items.length) body.attachments = items.slice(0, LIMITS.attachments).map(attachment);
  }
  return body;
}

// Null when there is no one to ask about (a blank name).
export function contactBody(payload) {
  const name = String(payload.name ?? "");
  if (!name.trim()) return null;
  const body = {
    name,
    site: SITES.has(payload.site) ? payload.site : "facebook",
    action: ACTIONS.has(payload.action) ? payload.action : "accept",
  };
  if (payload.handle) body.handle = String(payload.handle);
  return body;
}
