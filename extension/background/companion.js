// Talking to the local companion. Only the background context does this (content scripts never
// see the token or the port). Every exchange that carries text is preceded by an identity probe
// that carries neither text nor token; a program on the port that cannot answer it with the
// proof only our companion can compute is dropped before it sees a word.
import { companionPairProof, newNonce, pairProof, pairRequestProof, sameText, tokenProof } from "./proof.js";

export class CompanionProblem extends Error {
  // kind: "unpaired" | "unreachable" | "timeout" | "unproven" | "refused" | "bad-answer"
  constructor(kind, detail = "") {
    super(detail || kind);
    this.kind = kind;
  }
}

function baseUrl(port) {
  return `http://127.0.0.1:${port}`;
}

// `raw`: {bytes, type, headers} for a body that is not JSON (an image).
async function exchange(url, { method = "POST", token, pairId, body, raw, nonce, signal, fetchImpl }) {
  const headers = { "Content-Type": raw ? raw.type : "application/json", ...(raw?.headers || {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (pairId) headers["X-Postguard-Pair"] = pairId;
  if (nonce) headers["X-Postguard-Nonce"] = nonce;
  let response;
  try {
    response = await fetchImpl(url, {
      method,
      headers,
      body: method === "GET" ? undefined : raw ? raw.bytes : JSON.stringify(body ?? {}),
      signal,
      cache: "no-store",
      credentials: "omit",
      redirect: "error",
    });
  } catch (error) {
    if (signal?.aborted) throw new CompanionProblem("timeout");
    throw new CompanionProblem("unreachable", String(error?.message || error));
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    if (signal?.aborted) throw new CompanionProblem("timeout");
    throw new CompanionProblem("bad-answer", `HTTP ${response.status}`);
  }
  return { status: response.status, json, proof: response.headers.get("X-Postguard-Proof") };
}

function failIfRefused(answer) {
  if (answer.status === 401 || answer.status === 403) {
    throw new CompanionProblem("unpaired", answer.json?.error || `HTTP ${answer.status}`);
  }
  if (answer.status !== 200) {
    throw new CompanionProblem("refused", answer.json?.error || `HTTP ${answer.status}`);
  }
}

function unproven() {
  return new CompanionProblem(
    "unproven",
    "the program on the companion port could not prove it is the paired companion",
  );
}

// One companion at one port with one pairing; every call shares one deadline.
export class Companion {
  constructor({ port, token, pairId, timeoutMs, fetchImpl = globalThis.fetch.bind(globalThis) }) {
    this.port = port;
    this.token = token;
    this.pairId = pairId;
    this.timeoutMs = timeoutMs;
    this.fetchImpl = fetchImpl;
  }

  async #withDeadline(work, ms = this.timeoutMs) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    try {
      return await work(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  async #authenticated(path, body, signal, raw) {
    const nonce = newNonce();
    const answer = await exchange(`${baseUrl(this.port)}${path}`, {
      token: this.token,
      body,
      raw,
      nonce,
      signal,
      fetchImpl: this.fetchImpl,
    });
    failIfRefused(answer);
    if (!sameText((answer.proof || "").toLowerCase(), await tokenProof(this.token, nonce))) {
      throw unproven();
    }
    return answer.json;
  }

  // Names the pairing, reveals neither token nor text.
  async probe(signal) {
    const nonce = newNonce();
    const answer = await exchange(`${baseUrl(this.port)}/v1/hello`, {
      pairId: this.pairId,
      body: {},
      nonce,
      signal,
      fetchImpl: this.fetchImpl,
    });
    if (answer.status === 401 || answer.status === 403) {
      // Our pairing is unknown there: revoked, or not our companion at all. Either way the
      // token stays with us.
      throw new CompanionProblem("unpaired", answer.json?.error || `HTTP ${answer.status}`);
    }
    if (answer.status !== 200) throw new CompanionProblem("refused", `HTTP ${answer.status}`);
    if (!sameText((answer.proof || "").toLowerCase(), await pairProof(this.token, nonce))) {
      throw unproven();
    }
  }

  async hello(signal) {
    await this.probe(signal);
    return this.#authenticated("/v1/hello", {}, signal);
  }

  // Probe first (no token, no text), then the check itself, whose answer carries the token proof.
  async check(path, body) {
    if (!this.token || !this.pairId) throw new CompanionProblem("unpaired");
    return this.#withDeadline(async (signal) => {
      await this.probe(signal);
      const verdict = await this.#authenticated(path, body, signal);
      if (!verdict || !["allow", "warn", "block"].includes(verdict.verdict)) {
        throw new CompanionProblem("bad-answer", "no verdict in the answer");
      }
      if (!Array.isArray(verdict.findings)) verdict.findings = [];
      return verdict;
    });
  }

  // An image's bytes (already scaled down in the page) to the companion alone; photos take
  // longer than text, so they get at least a few seconds.
  async checkImage(bytes, { site, account }) {
    if (!this.token || !this.pairId) throw new CompanionProblem("unpaired");
    return this.#withDeadline(async (signal) => {
      await this.probe(signal);
      const raw = {
        bytes,
        type: "image/jpeg",
        headers: { "X-Postguard-Site": site, "X-Postguard-Account": account },
      };
      const verdict = await this.#authenticated("/v1/check/image", null, signal, raw);
      if (!verdict || !["allow", "warn", "block"].includes(verdict.verdict)) {
        throw new CompanionProblem("bad-answer", "no verdict in the answer");
      }
      return verdict;
    }, Math.max(this.timeoutMs, 4000));
  }

  async status() {
    return this.#withDeadline(async (signal) => {
      const health = await exchange(`${baseUrl(this.port)}/v1/health`, {
        method: "GET",
        signal,
        fetchImpl: this.fetchImpl,
      });
      if (health.status !== 200) throw new CompanionProblem("refused", `HTTP ${health.status}`);
      if (!this.token || !this.pairId) return { health: health.json, proven: false };
      const hello = await this.hello(signal);
      return { health: health.json, proven: true, roster: hello.roster };
    });
  }

  // The code is never sent: we send a proof that we know it, and accept the token only with the
  // companion's own proof that it knows the code too (only the companion that printed it does).
  async pair(code, client) {
    return this.#withDeadline(async (signal) => {
      const nonce = newNonce();
      const answer = await exchange(`${baseUrl(this.port)}/v1/pair`, {
        body: { client, nonce, proof: await pairRequestProof(code, nonce) },
        signal,
        fetchImpl: this.fetchImpl,
      });
      const { token, id, proof } = answer.json || {};
      if (answer.status !== 200 || typeof token !== "string" || typeof id !== "string") {
        throw new CompanionProblem("refused", answer.json?.error || `HTTP ${answer.status}`);
      }
      const expected = await companionPairProof(code, nonce, token, id);
      if (!sameText(String(proof || "").toLowerCase(), expected)) throw unproven();
      return { token, pairId: id };
    });
  }
}
