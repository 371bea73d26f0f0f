// The companion proves who it is before we reveal anything: another local user could be
// listening on the port. Two proofs, both hex(HMAC-SHA256(key, nonce)):
// - the identity probe, sent with only the pair id (no token), is answered with
//   key = SHA-256(token), which only the companion that stored our pairing can compute;
// - every authenticated answer carries key = token, binding the verdict to this channel.

const encoder = new TextEncoder();

function hex(bytes) {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function newNonce() {
  return hex(crypto.getRandomValues(new Uint8Array(16)));
}

async function hmacHex(keyBytes, nonce) {
  const key = await crypto.subtle.importKey(
    "raw",
    keyBytes,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(nonce)));
}

export async function tokenProof(token, nonce) {
  return hmacHex(encoder.encode(token), nonce);
}

export async function pairProof(token, nonce) {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(token));
  return hmacHex(digest, nonce);
}

// Pairing without sending the code: the code typed in the options page never leaves the
// extension. We prove we know it (key = SHA-256 of the normalised code); the companion proves it
// knows it too, over our nonce and the token it hands out. A program squatting the port sees
// neither the code nor anything it could answer with.
export function normaliseCode(code) {
  return String(code || "").toUpperCase().replace(/[^0-9A-Z]/g, "");
}

async function codeKey(code) {
  return crypto.subtle.digest("SHA-256", encoder.encode(normaliseCode(code)));
}

export async function pairRequestProof(code, nonce) {
  return hmacHex(await codeKey(code), `postguard-pair-extension|${nonce}`);
}

export async function companionPairProof(code, nonce, token, pairId) {
  return hmacHex(await codeKey(code), `postguard-pair-companion|${nonce}|${token}|${pairId}`);
}

// Compares without stopping at the first difference.
export function sameText(a, b) {
  if (typeof a !== "string" || typeof b !== "string" || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
