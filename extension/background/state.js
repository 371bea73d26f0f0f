// Everything the background keeps lives in extension storage (a service worker may be stopped
// at any moment, so nothing is held in memory between events).
import { effectivePolicy } from "./policy.js";
import { readPairing, writePairing } from "./vault.js";

const api = globalThis.browser ?? globalThis.chrome;

async function managedSettings() {
  try {
    return (await api.storage.managed.get(null)) || {};
  } catch {
    // Firefox rejects when no policy exists for the extension; that just means "no IT settings".
    return {};
  }
}

// Earlier versions kept the pairing in storage.local, which content scripts can read: move it.
async function pairingFromVault() {
  const old = await api.storage.local.get(["token", "pairId"]);
  if (typeof old.token === "string" && typeof old.pairId === "string") {
    await writePairing(old);
    await api.storage.local.remove(["token", "pairId", "pairedAt"]);
  }
  return readPairing();
}

export async function loadState() {
  const [managed, local, pairing] = await Promise.all([
    managedSettings(),
    api.storage.local.get(["companionPort"]),
    pairingFromVault(),
  ]);
  const policy = effectivePolicy({
    managed,
    user: { companionPort: local.companionPort },
  });
  return {
    policy,
    token: pairing ? pairing.token : null,
    pairId: pairing ? pairing.pairId : null,
  };
}

export async function saveUserPort(port) {
  await api.storage.local.set({ companionPort: port });
}

export async function savePairing({ token, pairId }) {
  await writePairing({ token, pairId });
}

// The last outcome, for the options page's status line and for tests that must know the
// companion really answered. Never the text.
export async function recordOutcome(outcome) {
  const area = api.storage.session ?? api.storage.local;
  const { checks = 0 } = await area.get("checks");
  await area.set({ checks: checks + 1, lastCheck: { ...outcome, at: Date.now() } });
}

export async function lastOutcome() {
  const area = api.storage.session ?? api.storage.local;
  return area.get(["checks", "lastCheck"]);
}
