import assert from "node:assert/strict";
import { test } from "node:test";
import { key, page, postguard } from "./load.js";

const { sites } = await postguard();
const x = sites.x;

const COMPOSER = `
  <nav><div data-testid="SideNav_AccountSwitcher_Button"><div data-testid="UserAvatar-Container-GlazeburyCE"></div><span>@GlazeburyCE</span></div></nav>
  <div role="dialog" id="modal">
    <div data-testid="tweetTextarea_0_label"><div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"><div data-block="true"><span>Well done</span></div><div data-block="true"><span>Josh</span></div></div></div>
    <div data-testid="tweetTextarea_1_label"><div data-testid="tweetTextarea_1" contenteditable="true" role="textbox"><div data-block="true">second 🎉 tweet</div></div></div>
    <div data-testid="attachments"><img src="blob:https://x.com/abc-123" alt="Sports day"></div>
    <div role="button" data-testid="tweetButton"><span>Post all</span></div>
  </div>
  <div data-testid="UserCell">
    <div data-testid="User-Name"><span>Joshua Smith</span><span>@jsmith_2015</span></div>
    <div role="button" data-testid="1001-follow" aria-label="Follow back @jsmith_2015"><span>Follow back</span></div>
    <div role="button" data-testid="1003-unfollow" aria-label="Following @someone"><span>Following</span></div>
  </div>
  <div data-testid="dmComposerTextInput" contenteditable="true" role="textbox">see you</div>
  <div role="button" data-testid="dmComposerSendButton"></div>`;

test("the post button, from the span inside it, starts a check of the whole thread", () => {
  const doc = page(COMPOSER);
  const action = x.fromClick(doc.querySelector("[data-testid=tweetButton] span"));
  assert.equal(action.kind, "post");
  assert.equal(action.context, "post");
  assert.equal(action.scope.id, "modal");
  const post = x.readPost(action);
  assert.equal(post.text, "Well done\nJosh\n\nsecond 🎉 tweet");
  assert.equal(post.editors.length, 2); // the _label wrappers are not editors
  assert.deepEqual(post.attachments, [{ kind: "image", name: "abc-123", alt: "Sports day" }]);
});

test("a reply composer (a modal around the tweet being answered) is a reply", () => {
  const doc = page(`<div role="dialog"><article data-testid="tweet">original</article>
    <div data-testid="tweetTextarea_0" contenteditable="true">hi</div>
    <div role="button" data-testid="tweetButton">Reply</div></div>`);
  assert.equal(x.fromClick(doc.querySelector("[data-testid=tweetButton]")).context, "reply");
  const inline = page(
    `<div><div data-testid="tweetTextarea_0">hi</div><div data-testid="tweetButtonInline">Reply</div></div>`,
    { pathname: "/someone/status/12345" },
  );
  assert.equal(x.fromClick(inline.querySelector("[data-testid=tweetButtonInline]")).context, "reply");
  // The narrow layout's reply page: /compose/post?in_reply_to=<id>, no dialog.
  const narrow = page(
    `<div><div data-testid="tweetTextarea_0"><textarea>hi</textarea></div><button data-testid="tweetButton">Reply</button></div>`,
    { pathname: "/compose/post", search: "?in_reply_to=12345" },
  );
  assert.equal(x.fromClick(narrow.querySelector("[data-testid=tweetButton]")).context, "reply");
  const fresh = page(
    `<div><div data-testid="tweetTextarea_0"><textarea>hi</textarea></div><button data-testid="tweetButton">Post</button></div>`,
    { pathname: "/compose/post" },
  );
  assert.equal(x.fromClick(fresh.querySelector("[data-testid=tweetButton]")).context, "post");
});

test("Follow and Follow back are contacts; Following (unfollow) and other buttons are not", () => {
  const doc = page(COMPOSER);
  const action = x.fromClick(doc.querySelector("[data-testid='1001-follow'] span"));
  assert.equal(action.kind, "contact");
  assert.deepEqual(x.readContact(action), { name: "Joshua Smith", handle: "jsmith_2015", action: "follow" });
  assert.equal(x.fromClick(doc.querySelector("[data-testid='1003-unfollow']")), null);
  assert.equal(x.fromClick(doc.querySelector("nav")), null);
});

test("Ctrl/Cmd+Enter sends from the composer; plain Enter there is a new line", () => {
  const doc = page(COMPOSER);
  const editor = doc.querySelector("[data-testid=tweetTextarea_0] span");
  assert.equal(x.fromKey(key(editor)), null);
  assert.equal(x.fromKey(key(editor, { ctrlKey: true })).context, "post");
  assert.equal(x.fromKey(key(editor, { metaKey: true })).kind, "post");
  assert.equal(x.fromKey(key(editor, { ctrlKey: true, isComposing: true })), null);
  assert.equal(x.fromKey(key(editor, { key: "a", ctrlKey: true })), null);
});

test("Enter sends a DM, Shift+Enter does not; the send button is found for the replay", () => {
  const doc = page(COMPOSER);
  const dm = doc.querySelector("[data-testid=dmComposerTextInput]");
  const action = x.fromKey(key(dm));
  assert.equal(action.context, "dm");
  assert.equal(x.readPost(action).text, "see you");
  assert.equal(x.submitButton(action).getAttribute("data-testid"), "dmComposerSendButton");
  assert.equal(x.fromKey(key(dm, { shiftKey: true })), null);
  const click = x.fromClick(doc.querySelector("[data-testid=dmComposerSendButton]"));
  assert.equal(click.context, "dm");
});

test("the signed-in handle comes from the account switcher", () => {
  assert.equal(x.identity(page(COMPOSER)), "GlazeburyCE");
  const textOnly = page(`<div data-testid="SideNav_AccountSwitcher_Button">Ms T @ms_teacher</div>`);
  assert.equal(x.identity(textOnly), "ms_teacher");
  assert.equal(x.identity(page("<main></main>")), null);
});

// X Chat: the whole conversation inside the open shadow root of [data-testid=xchatEmbedRoute].
function chatPage({ request = false } = {}) {
  const doc = page(`<main><div data-testid="xchatEmbedRoute" id="route"></div></main>`, { pathname: "/i/chat/1001-2002" });
  const shadow = doc.querySelector("#route").attachShadow({ mode: "open" });
  shadow.innerHTML = `
    <div data-testid="dm-conversation-header"><a href="/jsmith_2015"><span data-testid="dm-conversation-username">Joshua Smith</span></a></div>
    ${request ? `<div data-testid="dm-message-request-prompt"><button data-testid="dm-message-request-accept-button">Accept</button></div>` : ""}
    <form data-testid="dm-composer-form">
      <textarea data-testid="dm-composer-textarea"></textarea>
      <button type="button" data-testid="dm-composer-send-button">Send</button>
    </form>`;
  const box = shadow.querySelector("[data-testid=dm-composer-textarea]");
  box.value = "Well done today Josh";
  return { doc, shadow, box };
}

test("X Chat inside a shadow root: the send button and Enter are DMs, read from the textarea's value", () => {
  const { shadow, box } = chatPage();
  const click = x.fromClick(shadow.querySelector("[data-testid=dm-composer-send-button]"));
  assert.equal(click.kind, "post");
  assert.equal(click.context, "dm");
  assert.equal(click.scope.getAttribute("data-testid"), "dm-composer-form");
  assert.equal(x.readPost(click).text, "Well done today Josh");
  const enter = x.fromKey(key(box));
  assert.equal(enter.context, "dm");
  assert.equal(x.submitButton(enter).getAttribute("data-testid"), "dm-composer-send-button");
  assert.equal(x.fromKey(key(box, { shiftKey: true })), null);
  assert.equal(x.shadowHosts, "[data-testid='xchatEmbedRoute']");
});

test("accepting an X Chat message request is a contact check on the conversation's other side", () => {
  const { shadow } = chatPage({ request: true });
  const action = x.fromClick(shadow.querySelector("[data-testid=dm-message-request-accept-button]"));
  assert.equal(action.kind, "contact");
  assert.deepEqual(x.readContact(action), { name: "Joshua Smith", handle: "jsmith_2015", action: "accept" });
});

test("X's narrow layout: a plain textarea inside the tweetTextarea box, Ctrl+Enter and its value", () => {
  const doc = page(`<main>
    <div data-testid="tweetTextarea_0_label"><div data-testid="tweetTextarea_0"><textarea></textarea></div></div>
    <button data-testid="tweetButton">Post</button></main>`);
  const field = doc.querySelector("textarea");
  field.value = "Well done Josh Smith";
  const action = x.fromKey(key(field, { ctrlKey: true }));
  assert.equal(action.context, "post");
  assert.equal(x.readPost(action).text, "Well done Josh Smith");
  const click = x.fromClick(doc.querySelector("[data-testid=tweetButton]"));
  assert.equal(x.readPost(click).text, "Well done Josh Smith");
});
