import assert from "node:assert/strict";
import { createHmac, createHash } from "node:crypto";
import { test } from "node:test";
import { accountFor } from "../background/account.js";
import { DEFAULTS, effectivePolicy } from "../background/policy.js";
import { newNonce, pairProof, sameText, tokenProof } from "../background/proof.js";

test("defaults: port 8765, fail-open, 1.5 s, enforcing", () => {
  const policy = effectivePolicy();
  assert.equal(policy.companionPort, 8765);
  assert.equal(policy.failMode, "open");
  assert.equal(policy.timeoutMs, 1500);
  assert.equal(policy.tipsOnly, false);
  assert.deepEqual(policy.managedKeys, []);
  assert.equal(DEFAULTS.timeoutMs, 1500);
});

test("IT's managed settings win over the user's port", () => {
  const policy = effectivePolicy({
    managed: { companionPort: 9001, failMode: "closed", timeoutMs: 800, tipsOnly: true, schoolAccounts: ["@School", ""] },
    user: { companionPort: 8800 },
  });
  assert.equal(policy.companionPort, 9001);
  assert.equal(policy.failMode, "closed");
  assert.equal(policy.timeoutMs, 800);
  assert.equal(policy.tipsOnly, true);
  assert.deepEqual(policy.schoolAccounts, ["@School"]);
  assert.deepEqual(policy.managedKeys.sort(), ["companionPort", "failMode", "schoolAccounts", "timeoutMs", "tipsOnly"]);
});

test("what ships has no test stand-in for policy: only managed storage sets it", async () => {
  const { readFileSync, readdirSync } = await import("node:fs");
  const root = new URL("../", import.meta.url);
  const shipped = ["background", "content", "sites", "ui", "options"].flatMap((dir) =>
    readdirSync(new URL(`${dir}/`, root)).map((f) => readFileSync(new URL(`${dir}/${f}`, root), "utf8")),
  );
  assert.ok(!shipped.some((source) => source.includes("testPolicy")));
  const policy = effectivePolicy({ managed: {}, user: {}, testPolicy: { failMode: "closed" } });
  assert.equal(policy.failMode, "open");
});

test("nonsense in policy is ignored, not obeyed", () => {
  const policy = effectivePolicy({
    managed: { companionPort: 80, failMode: "sideways", timeoutMs: 5, tipsOnly: "yes", schoolAccounts: "x" },
    user: { companionPort: "8765; rm" },
  });
  assert.equal(policy.companionPort, 8765);
  assert.equal(policy.failMode, "open");
  assert.equal(policy.timeoutMs, 1500);
  assert.equal(policy.tipsOnly, false);
  assert.deepEqual(policy.schoolAccounts, []);
});

test("school accounts match by handle or page name, with or without @, any case", () => {
  const school = ["@GlazeburyCE", "Glazebury CE Primary School"];
  assert.equal(accountFor("glazeburyce", school), "school");
  assert.equal(accountFor("@GLAZEBURYCE", school), "school");
  assert.equal(accountFor("Glazebury  CE Primary School", school), "school");
  assert.equal(accountFor("GlazeburyCE_fan", school), "personal");
  assert.equal(accountFor(null, school), "personal");
  assert.equal(accountFor("anyone", []), "personal");
});

test("proofs are the HMACs the companion computes", async () => {
  const token = "tok-" + "a".repeat(40);
  const nonce = newNonce();
  assert.match(nonce, /^[0-9a-f]{32}$/);
  assert.notEqual(nonce, newNonce());
  assert.equal(await tokenProof(token, nonce), createHmac("sha256", token).update(nonce).digest("hex"));
  const digest = createHash("sha256").update(token).digest();
  assert.equal(await pairProof(token, nonce), createHmac("sha256", digest).update(nonce).digest("hex"));
  assert.ok(sameText("abc", "abc"));
  assert.ok(!sameText("abc", "abd"));
  assert.ok(!sameText("abc", "abcd"));
  assert.ok(!sameText(undefined, "abc"));
});
