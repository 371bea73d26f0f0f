// The interception loop with the real adapters on linkedom documents: React re-mounting the
// composer (or the send button) while the companion is thinking must neither swallow the post nor
// send text that was not checked.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parseHTML } from "linkedom";
import { installImageApis, photoFile } from "./browser_images.js";
import { postguard } from "./load.js";

const pg = await postguard();
await import("../ui/dialog.js");
await import("../content/intercept.js");
const english = JSON.parse(readFileSync(new URL("../_locales/en/messages.json", import.meta.url), "utf8"));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function site(html, hostname) {
  const window = parseHTML(`<!doctype html><html lang="en"><body>${html}</body></html>`);
  const { document, Event } = window;
  Object.defineProperty(document, "location", { value: { hostname, pathname: "/home" } });
  // linkedom lays nothing out: an element's opacity is the one its style attribute sets.
  window.getComputedStyle = (node) => {
    const style = node.getAttribute("style") || "";
    return {
      opacity: (style.match(/(?:^|;)\s*opacity:\s*([\d.]+)/) || [null, "1"])[1],
      filter: (style.match(/filter:\s*([^;]+)/) || [null, "none"])[1],
    };
  };
  // linkedom has no KeyboardEvent; the replayed key press needs one.
  globalThis.KeyboardEvent = class extends Event {
    constructor(type, init = {}) {
      super(type, init);
      for (const k of ["key", "code", "ctrlKey", "metaKey", "shiftKey", "altKey", "location"]) {
        Object.defineProperty(this, k, { value: init[k] ?? (k === "key" || k === "code" ? "" : false) });
      }
      Object.defineProperty(this, "isComposing", { value: false });
    }
  };
  return { document, KeyboardEvent: globalThis.KeyboardEvent };
}

// A background that answers each check when the test says so.
function companion() {
  const checks = [];
  const send = (message) => {
    if (message.type === "strings") {
      return Promise.resolve({ lang: "en", messages: Object.fromEntries(Object.entries(english).map(([k, v]) => [k, v.message])) });
    }
    return new Promise((resolve) => checks.push({ message, allow: () => resolve(allow) }));
  };
  const allow = { ok: true, verdict: { verdict: "allow", findings: [] }, policy: { tipsOnly: false, failMode: "open" } };
  return { checks, send };
}

// linkedom cannot make trusted events: these tests stand for a person's clicks and keys.
const PERSON = { isPersonsInput: () => true };

const notices = [];
pg.ui.showNotice = (doc, message) => notices.push(message);

const X_COMPOSER = (text) =>
  `<div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"><div data-block="true">${text}</div></div>
   <button data-testid="tweetButton">Post</button>`;

// linkedom has no capture phase (it calls a node's listeners in the order they were added), so
// the extension is installed before the site's handler, as its capture listener runs first in a
// browser.
function xPage(send) {
  const { document } = site(`<main><div id="slot">${X_COMPOSER("Lovely day at the park")}</div></main>`, "x.com");
  const posted = [];
  const uninstall = pg.intercept.install(document, pg.sites.x, send, PERSON);
  // The site's own handler, delegated at its root the way React's is.
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-testid=tweetButton]")) {
      posted.push(pg.dom.editorText(document.querySelector("[data-testid=tweetTextarea_0]")));
    }
  });
  return { document, posted, uninstall, remount: (text) => { document.querySelector("#slot").innerHTML = X_COMPOSER(text); } };
}

test("composer re-mounted while the check runs: the new button is clicked once, with the checked text", async () => {
  const { checks, send } = companion();
  const { document, posted, remount, uninstall } = xPage(send);
  document.querySelector("[data-testid=tweetButton]").click();
  await tick();
  assert.equal(checks.length, 1);
  assert.deepEqual(posted, []);
  remount("Lovely day at the park"); // React re-renders the same draft
  checks[0].allow();
  await tick();
  await tick();
  assert.deepEqual(posted, ["Lovely day at the park"]);
  assert.equal(checks.length, 1);
  uninstall();
});

test("composer replaced by different text while the check runs: nothing is sent, and a notice says so", async () => {
  const { checks, send } = companion();
  const { document, posted, remount, uninstall } = xPage(send);
  notices.length = 0;
  document.querySelector("[data-testid=tweetButton]").click();
  await tick();
  remount("");
  checks[0].allow();
  await tick();
  await tick();
  assert.deepEqual(posted, []);
  assert.deepEqual(notices, [english.noticeResend.message]);
  uninstall();
});

test("text typed while the check runs is checked too before anything goes", async () => {
  const { checks, send } = companion();
  const { document, posted, uninstall } = xPage(send);
  document.querySelector("[data-testid=tweetButton]").click();
  await tick();
  document.querySelector("[data-block=true]").textContent = "Lovely day at the park with Josh Smith";
  checks[0].allow();
  await tick();
  await tick();
  assert.deepEqual(posted, [], "nothing goes on the first verdict: the text changed");
  assert.equal(checks.length, 2);
  assert.equal(checks[1].message.payload.text, "Lovely day at the park with Josh Smith");
  checks[1].allow();
  await tick();
  await tick();
  assert.deepEqual(posted, ["Lovely day at the park with Josh Smith"]);
  uninstall();
});

test("Facebook comment box re-mounted while Enter is being checked: Enter is replayed on the new box", async () => {
  const box = (text) =>
    `<form><div contenteditable="true" role="textbox" data-lexical-editor="true" aria-label="Write a comment…"><p>${text}</p></div></form>`;
  const { document, KeyboardEvent } = site(`<div role="article" id="post">${box("Looks lovely")}</div>`, "www.facebook.com");
  const { checks, send } = companion();
  const uninstall = pg.intercept.install(document, pg.sites.facebook, send, PERSON);
  const sent = [];
  document.addEventListener("keydown", (event) => {
    const editor = event.target.closest("[role=textbox]");
    if (editor && event.key === "Enter") sent.push(pg.dom.editorText(editor));
  });
  const press = new KeyboardEvent("keydown", { key: "Enter", code: "NumpadEnter", bubbles: true, cancelable: true });
  document.querySelector("[role=textbox] p").dispatchEvent(press);
  assert.equal(press.defaultPrevented, true);
  await tick();
  assert.equal(checks.length, 1);
  assert.equal(checks[0].message.payload.context, "comment");
  document.querySelector("#post").innerHTML = box("Looks lovely");
  checks[0].allow();
  await tick();
  await tick();
  assert.deepEqual(sent, ["Looks lovely"]);
  uninstall();
});

test("a page script's click or key (isTrusted false) is neither checked nor stopped", async () => {
  const { checks, send } = companion();
  const { document } = site(`<main>${X_COMPOSER("Well done Josh Smith")}</main>`, "x.com");
  const uninstall = pg.intercept.install(document, pg.sites.x, send); // the shipped default
  let reachedSite = 0;
  document.addEventListener("click", () => {
    reachedSite += 1;
  });
  document.querySelector("[data-testid=tweetButton]").click();
  const editor = document.querySelector("[data-testid=tweetTextarea_0]");
  editor.dispatchEvent(new document.defaultView.KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true }));
  await tick();
  assert.equal(checks.length, 0, "nothing was sent to the companion");
  assert.equal(reachedSite, 1, "the scripted click was not swallowed either");
  uninstall();
});

test("a click on a Post button the person cannot see is neither checked nor stopped", async () => {
  const { checks, send } = companion();
  const { document } = site(
    `<main>${X_COMPOSER("Lovely day at the park")}</main>
     <div style="opacity: 0">${X_COMPOSER("Well done Joshua Smith")}</div>
     <div style="filter: opacity(0%)">${X_COMPOSER("Well done Joshua Smith")}</div>`,
    "x.com",
  );
  const uninstall = pg.intercept.install(document, pg.sites.x, send, PERSON);
  const [seen, hidden, filtered] = document.querySelectorAll("[data-testid=tweetButton]");
  let reached = 0;
  document.addEventListener("click", () => reached++);
  hidden.click(); // a page's invisible button under the person's pointer
  filtered.click(); // or one hidden by a filter
  await tick();
  assert.equal(checks.length, 0);
  assert.equal(reached, 2);
  seen.click();
  await tick();
  assert.equal(checks.length, 1);
  uninstall();
});

// A background whose image checks find `faces` at once, and whose post checks wait for the test
// (`answerPost()` allows the oldest one waiting); `posts` are the post checks' payloads.
function photoCompanion(faces) {
  installImageApis();
  const posts = [];
  const waiting = [];
  const allowed = { ok: true, verdict: { verdict: "allow", findings: [] }, policy: { tipsOnly: false, failMode: "open" } };
  const send = (message) => {
    if (message.type === "strings") return companion().send(message);
    if (message.type === "check-image") {
      return Promise.resolve({ ok: true, verdict: { verdict: "warn", findings: [], image: { faces } } });
    }
    posts.push(message.payload);
    return new Promise((resolve) => waiting.push(() => resolve(allowed)));
  };
  return { send, posts, answerPost: () => waiting.shift()() };
}

// A person's paste of one photo into `box`.
function pastePhoto(box) {
  const paste = new box.ownerDocument.defaultView.Event("paste", { bubbles: true, cancelable: true });
  Object.defineProperty(paste, "clipboardData", { value: { files: [photoFile()] } });
  box.dispatchEvent(paste);
}

test("a photo stays in the verdict when text typed while the companion was thinking is judged again", async () => {
  const { send, posts, answerPost } = photoCompanion(1);
  const { document, posted, uninstall } = xPage(send);
  pastePhoto(document.querySelector("[data-testid=tweetTextarea_0]"));
  document.querySelector("[data-testid=tweetButton]").click();
  for (let i = 0; i < 5 && !posts.length; i += 1) await tick();
  assert.equal(posts.length, 1);
  assert.deepEqual(posts[0].attachments, [{ kind: "image", faces: 1 }]);
  document.querySelector("[data-block=true]").textContent = "Lovely day at the sports day";
  answerPost();
  for (let i = 0; i < 5 && posts.length < 2; i += 1) await tick();
  assert.equal(posts.length, 2, "the changed text is judged again");
  assert.deepEqual(posts[1].attachments, [{ kind: "image", faces: 1 }], "with the photo still in it");
  answerPost();
  for (let i = 0; i < 5 && !posted.length; i += 1) await tick();
  assert.deepEqual(posted, ["Lovely day at the sports day"]);
  // It went with that post: the composer's next post is judged without it.
  document.querySelector("[data-block=true]").textContent = "And a lovely evening";
  document.querySelector("[data-testid=tweetButton]").click();
  for (let i = 0; i < 5 && posts.length < 3; i += 1) await tick();
  assert.deepEqual(posts[2].attachments, []);
  answerPost();
  uninstall();
});

test("a photo sent with no words from a composer no adapter knows is judged before it goes", async () => {
  const { send, posts, answerPost } = photoCompanion(2);
  const { document } = site(
    `<form id="new"><div contenteditable="true" role="textbox" id="box"></div><button type="button" aria-label="Send">➤</button></form>`,
    "x.com",
  );
  const uninstall = pg.intercept.install(document, pg.sites.x, send, PERSON);
  let sent = 0;
  document.addEventListener("click", (event) => {
    if (event.target.closest("[aria-label=Send]")) sent += 1;
  });
  pastePhoto(document.querySelector("#box"));
  document.querySelector("[aria-label=Send]").click();
  for (let i = 0; i < 5 && !posts.length; i += 1) await tick();
  assert.equal(sent, 0, "held until the companion answers");
  assert.deepEqual(posts, [{ text: "", site: "x", context: "post", attachments: [{ kind: "image", faces: 2 }] }]);
  answerPost();
  for (let i = 0; i < 5 && !sent; i += 1) await tick();
  assert.equal(sent, 1);
  uninstall();
});

test("a photo waiting in a Facebook comment box does not make another comment's Reply a send", async () => {
  const { send, posts, answerPost } = photoCompanion(3);
  const { document, KeyboardEvent } = site(
    `<div role="dialog" aria-label="Ann's post">
       <div role="article"><p>Sports day!</p>
         <div role="article" class="comment"><span>Nice one</span><div role="button" tabindex="0">Reply</div></div>
         <form><div><div contenteditable="true" role="textbox" data-lexical-editor="true" aria-label="Write a comment…"><p><br></p></div></div>
           <div class="previews"></div></form>
       </div></div>`,
    "www.facebook.com",
  );
  const uninstall = pg.intercept.install(document, pg.sites.facebook, send, PERSON);
  const box = document.querySelector("[role=textbox]");
  pastePhoto(box);
  await tick();
  let reached = 0;
  document.addEventListener("click", () => (reached += 1));
  document.querySelector(".comment [role=button]").click(); // opens a reply box, sends nothing
  for (let i = 0; i < 5; i += 1) await tick();
  assert.equal(reached, 1, "the Reply link is the site's");
  assert.deepEqual(posts, []);
  // The comment itself, a photo with no words, sent by Enter: judged with the photo.
  box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
  for (let i = 0; i < 5 && !posts.length; i += 1) await tick();
  assert.deepEqual(posts, [{ text: "", site: "facebook", context: "comment", attachments: [{ kind: "image", faces: 3 }] }]);
  answerPost();
  uninstall();
});
