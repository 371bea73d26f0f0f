// The safety net decides only what the site adapters passed over, and never where Enter is a
// new line.
import assert from "node:assert/strict";
import { test } from "node:test";
import { key, page, postguard } from "./load.js";

const pg = await postguard();
const net = pg.net.forSite(pg.sites.x);

test("an unknown single-line box: Enter and a Send button in its form are checked", () => {
  const doc = page(`<form><div contenteditable="true" role="textbox" id="b">Well done Josh</div><button type="button" aria-label="Send">➤</button></form>`);
  const box = doc.querySelector("#b");
  const enter = net.fromKey(key(box));
  assert.equal(enter.kind, "post");
  assert.equal(net.readPost(enter).text, "Well done Josh");
  const click = net.fromClick(doc.querySelector("button"));
  assert.equal(net.readPost(click).text, "Well done Josh");
  assert.equal(net.fromKey(key(box, { shiftKey: true })), null);
});

test("Enter in a known post composer, a multi-line box or an empty box is left alone", () => {
  const doc = page(`
    <div data-testid="tweetTextarea_0" contenteditable="true" role="textbox" id="known">draft</div>
    <form><div contenteditable="true" role="textbox" aria-multiline="true" id="multi">draft</div></form>
    <form><textarea rows="4" id="area">draft</textarea></form>
    <form><div contenteditable="true" role="textbox" id="empty"></div></form>`);
  for (const id of ["known", "multi", "area", "empty"]) {
    assert.equal(net.fromKey(key(doc.querySelector(`#${id}`))), null, id);
  }
});

test("buttons that are not sends, or sit outside any form or dialog, are left alone", () => {
  const doc = page(`
    <form><div contenteditable="true" role="textbox">draft</div><button type="button" aria-label="Add emoji">😀</button></form>
    <div contenteditable="true" role="textbox">draft</div><div role="button" aria-label="Reply">↩</div>`);
  assert.equal(net.fromClick(doc.querySelector("[aria-label='Add emoji']")), null);
  assert.equal(net.fromClick(doc.querySelector("[aria-label=Reply]")), null);
});

test("an unknown composer with no words but a photo the person attached: its send is checked", () => {
  const doc = page(`<form id="f"><div contenteditable="true" role="textbox" id="b"></div><button type="button" aria-label="Send">➤</button></form>`);
  const form = doc.querySelector("#f");
  const withPhoto = pg.net.forSite(pg.sites.x, { hasPhotos: (node) => form.contains(node) });
  const click = withPhoto.fromClick(doc.querySelector("button"));
  assert.equal(click.kind, "post");
  assert.equal(click.scope, form);
  assert.equal(withPhoto.fromKey(key(doc.querySelector("#b"))).scope, form);
  // Without one, an empty box's send is the site's business.
  assert.equal(net.fromClick(doc.querySelector("button")), null);
  assert.equal(net.fromKey(key(doc.querySelector("#b"))), null);
});
