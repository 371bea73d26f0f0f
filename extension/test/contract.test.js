// The extension's side of the HTTP contract (companion/server/http_contract.json; the server's
// side is tests/server/test_contract.py): the constants it shares with the companion are the
// contract's, every body it sends validates against the request schemas whatever a content
// script asked, and what it reads from a verdict is what the contract promises.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import Ajv2020 from "ajv/dist/2020.js";
import { contactBody, postBody } from "../background/bodies.js";
import { postguard } from "./load.js";

const contract = JSON.parse(readFileSync(new URL("../../companion/server/http_contract.json", import.meta.url), "utf8"));
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(contract);
const validator = (name) => ajv.getSchema(`${contract.$id}#/$defs/${name}`);
const defs = contract.$defs;
const shared = globalThis.PostguardShared;

function assertValid(name, value) {
  const validate = validator(name);
  assert.ok(validate(value), `${name}: ${JSON.stringify(value).slice(0, 200)} ${ajv.errorsText(validate.errors)}`);
}

test("the constants the extension shares with the companion are the contract's", () => {
  assert.deepEqual(shared.sites, defs.Site.enum);
  assert.deepEqual(shared.contexts, defs.Context.enum);
  assert.deepEqual(shared.photoParts, defs.PhotoPart.enum);
  assert.deepEqual(shared.contactActions, defs.ContactAction.enum);
  assert.deepEqual(shared.verdicts, defs.VerdictName.enum);
  assert.deepEqual(shared.severities, defs.Severity.enum);
  assert.equal(shared.limits.attachments, defs.PostRequest.properties.attachments.maxItems);
  assert.equal(shared.limits.imageText, defs.Attachment.properties.text.maxLength);
  assert.equal(shared.limits.identity, defs.PostRequest.properties.identity.maxLength);
  assert.ok(shared.limits.imageBase64 >= (contract.limits.image_body_bytes * 4) / 3);
});

const POLICY = { schoolAccounts: ["@GlazeburyCE"] };
// What content scripts ask, from the ordinary to the broken (an extension updated under the
// page, a site whose DOM gave odd values).
const POSTS = [
  [{ text: "Well done Josh", site: "x", context: "reply" }, "GlazeburyCE"],
  [{ text: "hi", site: "facebook", context: "dm", attachments: [{ kind: "image", name: "a.jpg", alt: "", faces: 2, children: 1, logo: true, text: "Grace" }] }, null],
  [{ text: "", site: "myspace", context: "story" }, ""],
  [{}, undefined],
  [{ text: 42, attachments: "nope" }, 7],
  [{ text: "x", attachments: [null, 5, "s", { faces: -1, children: 1, logo: "yes", unchecked: "true", text: 9 }] }, null],
  // More children than faces, or children without faces, or not a whole number: not sent.
  [{ text: "x", attachments: [{ faces: 1, children: 2 }, { children: 1 }, { faces: 2, children: 1.5 }, { faces: 2, children: "1" }] }, null],
  [{ text: "x", attachments: [{ notChecked: ["words", "faces", "words", "eyes", 3] }, { notChecked: "faces" }, { notChecked: [] }] }, null],
  [{ text: "x", attachments: Array.from({ length: 40 }, () => ({ name: "n".repeat(500), alt: "a".repeat(5000), text: "t".repeat(9000) })) }, null],
  [{ text: "x", site: "facebook" }, "Glazebury CE Primary School ".repeat(20)],
];

test("every post the background sends validates against the contract", () => {
  for (const [payload, identity] of POSTS) assertValid("PostRequest", postBody(payload, identity, POLICY));
  assert.equal(postBody(POSTS[0][0], "GlazeburyCE", POLICY).account, "school");
  // Who the post goes out as reaches the companion, which knows the school's own accounts.
  assert.equal(postBody({ text: "x" }, " @GlazeburyCEPrimary ", { schoolAccounts: [] }).identity, "@GlazeburyCEPrimary");
  assert.equal("identity" in postBody({ text: "x" }, "  ", POLICY), false);
  // What an image's check could not do goes with the post: known parts, once each, in order.
  const parts = postBody(POSTS[7][0], null, POLICY).attachments.map((a) => a.not_checked);
  assert.deepEqual(parts, [["faces", "words"], undefined, undefined]);
  // How many faces look like a child's goes with its faces, never more of them than faces.
  assert.equal(postBody(POSTS[1][0], null, POLICY).attachments[0].children, 1);
  const odd = postBody(POSTS[6][0], null, POLICY).attachments;
  assert.deepEqual(odd.map((a) => a.children), [undefined, undefined, undefined, undefined]);
});

test("every contact the background sends validates, and a blank name is not sent", () => {
  for (const payload of [{ name: "Rebecca Smith", action: "add" }, { name: "Ada", handle: "ada", site: "x", action: "follow" }, { name: "Ada", site: "icq", action: "poke" }]) {
    assertValid("ContactRequest", contactBody(payload));
  }
  for (const payload of [{}, { name: "" }, { name: "   " }]) assert.equal(contactBody(payload), null);
});

// A verdict as the contract allows it, with every optional part present.
const VERDICT = {
  verdict: "block",
  findings: [
    { rule: "pupil-name", severity: "block", start: 10, end: 22, text: "Joshua Smith", message: "m", policy: "p" },
    { rule: "photo", severity: "warn", start: 0, end: 0, text: "", message: "m", policy: "p", source: "attachment" },
  ],
  roster_version: "v1",
  elapsed_ms: 0.4,
  stale: true,
  account: "school",
  image: { faces: 1, children: 1, logo: false, text: "Certificate" },
};

test("what the extension reads of a verdict is what the contract promises", async () => {
  assertValid("Verdict", VERDICT);
  const pg = await postguard();
  // The dialog's highlighting reads start/end/severity/source of each finding.
  const pieces = pg.spans.segments("Well done Joshua Smith", VERDICT.findings);
  assert.deepEqual(pieces.filter((p) => p.severity).map((p) => p.text), ["Joshua Smith"]);
  assert.deepEqual(pg.spans.outsideText(VERDICT.findings).map((f) => f.rule), ["photo"]);
  // The fields read anywhere in the extension exist in the contract.
  const finding = Object.keys(defs.Finding.properties);
  for (const field of ["rule", "severity", "start", "end", "text", "message", "policy", "source"]) assert.ok(finding.includes(field), field);
  const verdict = Object.keys(defs.Verdict.properties);
  for (const field of ["verdict", "findings", "stale", "image", "account"]) assert.ok(verdict.includes(field), field);
  for (const field of ["faces", "children", "logo", "text"]) assert.ok(field in defs.Verdict.properties.image.properties, field);
});
