// The background context: the only part of the extension that talks to the companion.
// Content scripts and the options page send it messages; it answers with verdicts or problems.
import { shownFor } from "./languages.js";
import { accountFor } from "./account.js";
import { contactBody, postBody } from "./bodies.js";
import { Companion, CompanionProblem } from "./companion.js";
import { lastOutcome, loadState, recordOutcome, savePairing, saveUserPort } from "./state.js";
import "../common/constants.js";

const api = globalThis.browser ?? globalThis.chrome;
const shared = globalThis.PostguardShared;
const SITES = new Set(shared.sites);
const LIMITS = shared.limits;
// What content scripts may ask; everything else is for the extension's own pages only.
const FROM_PAGES = new Set(["check-post", "hint-post", "check-contact", "check-image", "strings", "surfaces"]);
const SURFACE_NAMES = new RegExp(`^[a-z ]{1,${LIMITS.surfaceName}}$`);

function validPort(port) {
  return Number.isInteger(port) && port >= shared.port.min && port <= shared.port.max;
}

function clientLabel() {
  const ua = globalThis.navigator?.userAgent || "";
  const browser = /Firefox\//.test(ua) ? "Firefox" : /Edg\//.test(ua) ? "Edge" : "Chrome";
  return `Postguard extension (${browser})`;
}

function companionFor(state) {
  return new Companion({
    port: state.policy.companionPort,
    token: state.token,
    pairId: state.pairId,
    timeoutMs: state.policy.timeoutMs,
  });
}

function problemAnswer(error, policy) {
  const kind = error instanceof CompanionProblem ? error.kind : "unreachable";
  return { ok: false, problem: kind, detail: String(error?.message || error), policy: publicPolicy(policy) };
}

// What a content script may know about the policy: how to behave, not where the companion is.
function publicPolicy(policy) {
  return { failMode: policy.failMode, tipsOnly: policy.tipsOnly, hintsWhileTyping: policy.hintsWhileTyping };
}

async function check(path, body, state, started) {
  try {
    const verdict = await companionFor(state).check(path, body);
    await recordOutcome({
      kind: path.endsWith("contact") ? "contact" : "post",
      verdict: verdict.verdict,
      findings: verdict.findings.length,
      rules: verdict.findings.map((f) => f.rule),
      // The companion says which account it checked the post as (it knows the school's own).
      account: verdict.account ?? body.account ?? null,
      context: body.context ?? null,
      site: body.site ?? null,
      roster_version: verdict.roster_version,
      stale: !!verdict.stale,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    return { ok: true, verdict, policy: publicPolicy(state.policy) };
  } catch (error) {
    await recordOutcome({ kind: "problem", problem: error.kind || "unreachable" });
    return problemAnswer(error, state.policy);
  }
}

async function recognisedSurfaces() {
  const area = api.storage.session ?? api.storage.local;
  const { surfaces = {} } = await area.get("surfaces");
  return Object.values(surfaces).sort((a, b) => b.at - a.at);
}

const handlers = {
  async "check-post"(message) {
    const started = performance.now();
    const state = await loadState();
    return check("/v1/check/post", postBody(message.payload || {}, message.identity, state.policy), state, started);
  },

  // A hint while typing: the same check, not recorded as an outcome (nothing was sent), and
  // refused without asking the companion when IT has turned hints off.
  async "hint-post"(message) {
    const state = await loadState();
    if (state.policy.hintsWhileTyping === false) return { ok: false, problem: "off" };
    const body = postBody(message.payload || {}, message.identity, state.policy);
    if (!body.text.trim() || body.text.length > LIMITS.hintText) return { ok: false, problem: "bad-input" };
    try {
      const verdict = await companionFor(state).check("/v1/check/post", body);
      return { ok: true, verdict };
    } catch (error) {
      return problemAnswer(error, state.policy);
    }
  },

  // An attached image, scaled down in the page, to the companion alone.
  async "check-image"(message) {
    const state = await loadState();
    const data = typeof message.data === "string" ? message.data : "";
    if (!data || data.length > LIMITS.imageBase64) return { ok: false, problem: "bad-input", detail: "image" };
    let bytes;
    try {
      bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    } catch {
      return { ok: false, problem: "bad-input", detail: "image" };
    }
    const site = SITES.has(message.site) ? message.site : "x";
    const account = accountFor(null, state.policy.schoolAccounts);
    try {
      const verdict = await companionFor(state).checkImage(bytes, { site, account });
      return { ok: true, verdict };
    } catch (error) {
      return problemAnswer(error, state.policy);
    }
  },

  async "check-contact"(message) {
    const started = performance.now();
    const state = await loadState();
    const body = contactBody(message.payload || {});
    if (!body) return { ok: false, problem: "bad-input", detail: "no name" };
    return check("/v1/check/contact", body, state, started);
  },

  async status() {
    const state = await loadState();
    const base = {
      paired: !!state.token,
      policy: { ...publicPolicy(state.policy), companionPort: state.policy.companionPort, timeoutMs: state.policy.timeoutMs, managedKeys: state.policy.managedKeys },
      last: await lastOutcome(),
      surfaces: await recognisedSurfaces(),
    };
    try {
      const status = await companionFor(state).status();
      const degraded = status.health?.status === "degraded" ? String(status.health.reason || "") : "";
      return { ...base, ok: true, reachable: true, proven: status.proven, roster: status.roster ?? status.health?.roster, version: status.health?.version, degraded };
    } catch (error) {
      const answer = problemAnswer(error, state.policy);
      return { ...base, ok: false, reachable: answer.problem !== "unreachable" && answer.problem !== "timeout", problem: answer.problem, detail: answer.detail };
    }
  },

  async pair(message) {
    const code = String(message.code ?? "").trim();
    if (!code) return { ok: false, problem: "bad-input", detail: "no code" };
    let state = await loadState();
    const port = Number(message.port);
    if (!state.policy.managedKeys.includes("companionPort") && Number.isInteger(port)) {
      if (!validPort(port)) return { ok: false, problem: "bad-input", detail: "port" };
      await saveUserPort(port);
      state = await loadState();
    }
    try {
      const pairing = await companionFor(state).pair(code, clientLabel());
      const proven = await companionFor({ ...state, ...pairing }).status();
      if (!proven.proven) throw new CompanionProblem("unproven");
      await savePairing(pairing);
      return { ok: true, roster: proven.roster };
    } catch (error) {
      return problemAnswer(error, state.policy);
    }
  },

  async "save-port"(message) {
    const state = await loadState();
    const port = Number(message.port);
    if (state.policy.managedKeys.includes("companionPort")) return { ok: false, problem: "managed" };
    if (!validPort(port)) return { ok: false, problem: "bad-input" };
    await saveUserPort(port);
    return { ok: true };
  },

  async strings(message) {
    const lang = shownFor(message.lang);
    const response = await fetch(api.runtime.getURL(`_locales/${lang}/messages.json`));
    const table = await response.json();
    const messages = Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v.message]));
    return { lang, messages };
  },

  // Which surfaces the adapters recognised, per open tab: names only, the host from the
  // browser's own record of the sender, kept in session storage for the options page.
  async surfaces(message, sender) {
    const tabId = sender.tab?.id;
    let host = "";
    try {
      host = new URL(sender.url || sender.tab?.url || "").hostname;
    } catch {
      return { ok: false };
    }
    if (typeof tabId !== "number" || !host) return { ok: false };
    const names = (Array.isArray(message.surfaces) ? message.surfaces : [])
      .filter((n) => typeof n === "string" && SURFACE_NAMES.test(n))
      .slice(0, LIMITS.surfaces);
    const area = api.storage.session ?? api.storage.local;
    const { surfaces = {} } = await area.get("surfaces");
    surfaces[tabId] = { host, names, at: Date.now() };
    const recent = Object.entries(surfaces).sort((a, b) => b[1].at - a[1].at).slice(0, 8);
    await area.set({ surfaces: Object.fromEntries(recent) });
    return { ok: true };
  },

  async "try"(message) {
    const started = performance.now();
    const state = await loadState();
    const body = postBody({ text: message.text, site: message.site, context: "post" }, null, state.policy);
    return check("/v1/check/post", body, state, started);
  },
};

// A closed tab's surfaces are no longer "on an open tab".
api.tabs?.onRemoved?.addListener(async (tabId) => {
  const area = api.storage.session ?? api.storage.local;
  const { surfaces = {} } = await area.get("surfaces");
  if (surfaces[tabId]) {
    delete surfaces[tabId];
    await area.set({ surfaces });
  }
});

// A fresh install cannot check anything until it is paired: take the user straight there.
api.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason !== "install") return;
  const state = await loadState();
  if (!state.token) await api.runtime.openOptionsPage();
});

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  const handler = message && Object.hasOwn(handlers, message.type) ? handlers[message.type] : null;
  if (!handler) return false;
  const ownPage = typeof sender.url === "string" && sender.url.startsWith(api.runtime.getURL(""));
  if (!ownPage && !FROM_PAGES.has(message.type)) return false;
  handler(message, sender).then(sendResponse, (error) =>
    sendResponse({ ok: false, problem: "error", detail: String(error?.message || error) }),
  );
  return true;
});
