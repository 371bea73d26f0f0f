// IT's settings (managed storage) over the user's own (storage.local) over the defaults.
// Secrets never come from policy: the token is only ever the one pairing stored locally.
import "../common/constants.js";

const { port: PORT, timeoutMs: TIMEOUT } = globalThis.PostguardShared;

export const DEFAULTS = Object.freeze({
  companionPort: PORT.default,
  failMode: "open",
  timeoutMs: TIMEOUT.default,
  schoolAccounts: [],
  tipsOnly: false,
  hintsWhileTyping: true,
});

function validPort(value) {
  return Number.isInteger(value) && value >= PORT.min && value <= PORT.max ? value : undefined;
}

function validTimeout(value) {
  return Number.isInteger(value) && value >= TIMEOUT.min && value <= TIMEOUT.max ? value : undefined;
}

function clean(source) {
  const out = {};
  if (!source || typeof source !== "object") return out;
  const port = validPort(source.companionPort);
  if (port !== undefined) out.companionPort = port;
  if (source.failMode === "open" || source.failMode === "closed") out.failMode = source.failMode;
  const timeout = validTimeout(source.timeoutMs);
  if (timeout !== undefined) out.timeoutMs = timeout;
  if (Array.isArray(source.schoolAccounts)) {
    out.schoolAccounts = source.schoolAccounts.filter((a) => typeof a === "string" && a.trim());
  }
  if (typeof source.tipsOnly === "boolean") out.tipsOnly = source.tipsOnly;
  if (typeof source.hintsWhileTyping === "boolean") out.hintsWhileTyping = source.hintsWhileTyping;
  return out;
}

// `managed`: chrome.storage.managed (IT). `user`: the port the user typed in the options page.
// Nothing a web page or content script can write changes policy.
export function effectivePolicy({ managed = {}, user = {} } = {}) {
  const fromIt = clean(managed);
  const userPort = validPort(user.companionPort);
  return {
    ...DEFAULTS,
    ...(userPort !== undefined ? { companionPort: userPort } : {}),
    ...fromIt,
    managedKeys: Object.keys(fromIt),
  };
}
