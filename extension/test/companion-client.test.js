// The background's companion client against programs that are not our companion: a squatter
// that answers everything without the proof, and one that never answers. What matters is what
// they never receive.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { Companion } from "../background/companion.js";
import { companionPairProof } from "../background/proof.js";

function listen(handler) {
  const seen = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      seen.push({ url: req.url, headers: req.headers, body });
      handler(req, res);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, seen, port: server.address().port })));
}

const TOKEN = "secret-token-" + "b".repeat(30);

test("a squatter without the proof is dropped before it sees text or token", async () => {
  const { server, seen, port } = await listen((req, res) => {
    res.writeHead(200, { "Content-Type": "application/json", "X-Postguard-Proof": "00".repeat(32) });
    res.end(JSON.stringify({ ok: true, verdict: "allow", findings: [] }));
  });
  try {
    const companion = new Companion({ port, token: TOKEN, pairId: "p1", timeoutMs: 2000 });
    await assert.rejects(companion.check("/v1/check/post", { text: "Well done Joshua Smith" }), { kind: "unproven" });
    assert.equal(seen.length, 1);
    assert.equal(seen[0].url, "/v1/hello");
    assert.equal(seen[0].headers["x-postguard-pair"], "p1");
    assert.match(seen[0].headers["x-postguard-nonce"], /^[0-9a-f]{32}$/);
    assert.equal(seen[0].headers.authorization, undefined);
    assert.ok(!JSON.stringify(seen).includes("Joshua"));
    assert.ok(!JSON.stringify(seen).includes(TOKEN));
  } finally {
    server.close();
  }
});

test("a companion that never answers times out within the deadline", async () => {
  const { server, port } = await listen(() => {});
  try {
    const companion = new Companion({ port, token: TOKEN, pairId: "p1", timeoutMs: 200 });
    await assert.rejects(companion.check("/v1/check/post", { text: "hi" }), { kind: "timeout" });
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test("nothing listening is 'unreachable'; no pairing is 'unpaired' without a request", async () => {
  const { server, port } = await listen(() => {});
  server.close();
  await assert.rejects(new Companion({ port, token: TOKEN, pairId: "p", timeoutMs: 500 }).check("/v1/check/post", {}), {
    kind: "unreachable",
  });
  await assert.rejects(new Companion({ port, token: null, pairId: null, timeoutMs: 500 }).check("/v1/check/post", {}), {
    kind: "unpaired",
  });
});

const CODE = "K7QM-2XRD";

test("pairing never sends the code, and a squatter's token is refused", async () => {
  // A squatter accepts any pairing and hands out its own token, but cannot prove it knows the
  // code: the code never reaches it.
  const { server, seen, port } = await listen((req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ token: "squatter-token", id: "feedfacefeedface", proof: "00".repeat(32) }));
  });
  try {
    const companion = new Companion({ port, token: null, pairId: null, timeoutMs: 2000 });
    await assert.rejects(companion.pair(CODE, "Chrome"), { kind: "unproven" });
    const sent = JSON.parse(seen[0].body);
    assert.deepEqual(Object.keys(sent).sort(), ["client", "nonce", "proof"]);
    const wire = JSON.stringify(seen);
    assert.ok(!wire.includes("K7QM") && !wire.includes("2XRD") && !wire.includes("K7QM2XRD"));
  } finally {
    server.close();
  }
});

test("pairing accepts a companion that proves it knows the code", async () => {
  // What the real companion does: it knows the code it printed, so it can answer the proof.
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", async () => {
      const { nonce } = JSON.parse(raw);
      const proof = await companionPairProof(CODE.toLowerCase(), nonce, TOKEN, "p1");
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ token: TOKEN, id: "p1", proof }));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const companion = new Companion({ port: server.address().port, token: null, pairId: null, timeoutMs: 2000 });
    assert.deepEqual(await companion.pair(CODE, "Chrome"), { token: TOKEN, pairId: "p1" });
  } finally {
    server.close();
  }
});
