import assert from "node:assert/strict";
import { test } from "node:test";
import { key, page, postguard } from "./load.js";

const { sites } = await postguard();
const fb = sites.facebook;
const LEXICAL = `contenteditable="true" role="textbox" data-lexical-editor="true"`;

// One label per language we promise (English, Welsh, Polish, Urdu, Romanian, Punjabi).
const LANGUAGES = {
  post: ["Post", "Postio", "Opublikuj", "پوسٹ کریں", "Postează", "ਪੋਸਟ ਕਰੋ"],
  confirm: ["Confirm", "Cadarnhau", "Potwierdź", "تصدیق کریں", "Confirmă", "ਪੁਸ਼ਟੀ ਕਰੋ"],
  addFriend: ["Add friend", "Ychwanegu ffrind", "Dodaj do znajomych", "دوست شامل کریں", "Adaugă prieten", "ਦੋਸਤ ਸ਼ਾਮਲ ਕਰੋ"],
  commentBox: ["Write a comment…", "Ysgrifennu sylw…", "Napisz komentarz…", "تبصرہ لکھیں…", "Scrie un comentariu…", "ਇੱਕ ਟਿੱਪਣੀ ਲਿਖੋ…"],
};

function composer(postLabel) {
  return page(
    `<div role="dialog"><div ${LEXICAL} aria-label="What's on your mind?"><p>Well done <span data-lexical-text="true">Josh</span></p><p>line<br>two</p></div>
     <div role="button" aria-label="${postLabel}"><span>${postLabel}</span></div></div>`,
    { hostname: "www.facebook.com", pathname: "/" },
  );
}

for (const label of LANGUAGES.post) {
  test(`the composer's "${label}" button checks the Lexical text`, () => {
    const doc = composer(label);
    const action = fb.fromClick(doc.querySelector("[role=button] span"));
    assert.equal(action.kind, "post");
    assert.equal(action.context, "post");
    assert.equal(fb.readPost(action).text, "Well done Josh\nline\ntwo");
  });
}

for (const [i, label] of LANGUAGES.confirm.entries()) {
  test(`friend-request "${label}" and "${LANGUAGES.addFriend[i]}" are contacts with the requester's name`, () => {
    const doc = page(
      `<div role="listitem"><a href="https://www.facebook.com/rebecca.smith.77?ref=x"><span>Rebecca Smith</span></a>
        <div role="button" aria-label="${label}">${label}</div></div>
       <div role="listitem"><a href="/profile.php?id=4"><span>Ada Lovelace</span></a>
        <div role="button">${LANGUAGES.addFriend[i]}</div></div>`,
      { hostname: "www.facebook.com" },
    );
    const [confirm, add] = doc.querySelectorAll("[role=button]");
    const accept = fb.fromClick(confirm);
    assert.equal(accept.kind, "contact");
    assert.deepEqual(fb.readContact(accept), { name: "Rebecca Smith", handle: "rebecca.smith.77", action: "accept" });
    assert.deepEqual(fb.readContact(fb.fromClick(add)), { name: "Ada Lovelace", handle: "profile.php", action: "add" });
  });
}

for (const label of LANGUAGES.commentBox) {
  test(`Enter in a comment box labelled "${label}" sends; Shift+Enter does not`, () => {
    const doc = page(`<div role="article"><form><div ${LEXICAL} aria-label="${label}"><p>nice</p></div></form></div>`, {
      hostname: "www.facebook.com",
    });
    const editor = doc.querySelector("[role=textbox] p");
    const action = fb.fromKey(key(editor));
    assert.equal(action.context, "comment");
    assert.equal(fb.readPost(action).text, "nice");
    assert.equal(fb.fromKey(key(editor, { shiftKey: true })), null);
  });
}

test("replies, Messenger and unlabelled boxes are told apart by structure and label", () => {
  const reply = page(`<div ${LEXICAL} aria-label="Napisz odpowiedź..."><p>x</p></div>`, { hostname: "www.facebook.com" });
  assert.equal(fb.boxKind(reply.querySelector("[role=textbox]")), "reply");
  const messenger = page(`<div ${LEXICAL} aria-label="Aa"><p>x</p></div>`, { hostname: "www.messenger.com" });
  assert.equal(fb.boxKind(messenger.querySelector("[role=textbox]")), "dm");
  const inArticle = page(`<div role="article"><div ${LEXICAL}><p>x</p></div></div>`, { hostname: "www.facebook.com" });
  assert.equal(fb.boxKind(inArticle.querySelector("[role=textbox]")), "comment");
});

test("Enter in the post composer is a new line, not a send", () => {
  const doc = composer("Post");
  assert.equal(fb.fromKey(key(doc.querySelector("[role=textbox] p"))), null);
  assert.equal(fb.fromKey(key(doc.querySelector("[role=textbox] p"), { ctrlKey: true })), null);
});

test("buttons that are not sends, and send buttons with no editor near, are left alone", () => {
  const doc = page(`<div role="button" aria-label="Like">Like</div><div role="button" aria-label="Post">Post</div>`, {
    hostname: "www.facebook.com",
  });
  const [like, post] = doc.querySelectorAll("[role=button]");
  assert.equal(fb.fromClick(like), null);
  assert.equal(fb.fromClick(post), null);
});

test('"Posting as" names the identity; without it the post is personal', () => {
  const doc = page(`<div role="dialog"><div role="button" aria-label="Posting as Glazebury CE Primary School"></div><div ${LEXICAL}></div></div>`);
  assert.equal(fb.identity(doc, doc.querySelector("[role=dialog]")), "Glazebury CE Primary School");
  assert.equal(fb.identity(composer("Post"), null), null);
});

test("every label table carries all six languages", () => {
  for (const [table, labels] of Object.entries(LANGUAGES)) {
    const carried = table === "commentBox" ? fb.labels.commentBox : fb.labels[table];
    for (const label of labels) {
      const norm = label.replace(/…$/, "");
      assert.ok(carried.includes(norm) || carried.includes(label), `${table}: ${label}`);
    }
  }
});

test("a submit input that is not a send (search) is left alone", () => {
  const doc = page(`<form><input name="q"><input type="submit" value="Search"></form>`, { hostname: "m.facebook.com" });
  assert.equal(fb.fromClick(doc.querySelector("[type=submit]")), null);
});

// Today's comment boxes (tests/e2e/fixtures/facebook/ says where each label comes from).
for (const label of ["Submit your first comment…", "Write an answer…", "Comment as Helen Cartwright"]) {
  test(`a box labelled "${label}" is a comment: Enter sends, and its submit is found`, () => {
    const doc = page(
      `<div role="dialog"><div role="article"><div data-lexical-editor="true" role="textbox" contenteditable="true" aria-label="Create a post">post body</div></div>
       <div><div data-lexical-editor="true" role="textbox" contenteditable="true" aria-placeholder="${label}"><p>Well done Josh</p></div>
       <div id="focused-state-composer-submit"><div role="button" aria-label="Post comment"></div></div></div></div>`,
      { hostname: "www.facebook.com" },
    );
    const box = doc.querySelectorAll("[role=textbox]")[1];
    const enter = fb.fromKey(key(box));
    assert.equal(enter.context, "comment");
    const click = fb.fromClick(doc.querySelector("[aria-label='Post comment']"));
    assert.equal(click.context, "comment");
    assert.equal(fb.readPost(click).text, "Well done Josh"); // the comment, not the post
  });
}

test("the two-step composer: Next is checked, the final Post without an editor is marked final", () => {
  const doc = page(
    `<div role="dialog" id="d"><div data-lexical-editor="true" role="textbox" contenteditable="true" aria-label="What's on your mind?"><p>Well done Josh</p></div>
     <div role="button" aria-label="Next"></div></div>`,
    { hostname: "www.facebook.com" },
  );
  const next = fb.fromClick(doc.querySelector("[aria-label=Next]"));
  assert.equal(next.step, "first");
  assert.equal(fb.readPost(next).text, "Well done Josh");
  doc.querySelector("#d").innerHTML = `<h2>Post settings</h2><div role="button" aria-label="Post"></div>`;
  const last = fb.fromClick(doc.querySelector("[aria-label=Post]"));
  assert.equal(last.step, "final");
  assert.equal(last.scope, doc.querySelector("#d"));
});

test("a profile page's Add friend and Follow name the person in the heading", () => {
  const doc = page(
    `<div role="main"><div><h1>Rebecca Smith</h1><div><div role="button" aria-label="Add friend"></div><div role="button" aria-label="Follow"></div></div></div></div>`,
    { hostname: "www.facebook.com", pathname: "/rebecca.smith.75" },
  );
  const add = fb.fromClick(doc.querySelector("[aria-label='Add friend']"));
  assert.deepEqual(fb.readContact(add), { name: "Rebecca Smith", handle: "rebecca.smith.75", action: "add" });
  const follow = fb.fromClick(doc.querySelector("[aria-label=Follow]"));
  assert.equal(fb.readContact(follow).action, "follow");
});

test("facebook.com/messages: the Message box and 'Press Enter to send' (any case) are a chat", () => {
  const doc = page(
    `<div><div aria-label="Message" contenteditable="true" role="textbox" data-lexical-editor="true"><p>Hi Josh</p></div>
     <div role="button" aria-label="Press Enter to send"></div></div>`,
    { hostname: "www.facebook.com", pathname: "/messages/t/100001" },
  );
  const box = doc.querySelector("[role=textbox]");
  assert.equal(fb.fromKey(key(box)).context, "dm");
  assert.equal(fb.fromClick(doc.querySelector("[role=button]")).context, "dm");
});

test("a chat box labelled 'Write to <Name>' is a chat anywhere: Enter there is a send", () => {
  // The pop-up chat on any page (no send button: Enter only) and Marketplace threads.
  for (const label of ["Write to Rebecca Smith", "Write to Rebecca Smith · Bike, 24 inch"]) {
    const doc = page(
      `<div role="main"><div><div aria-label="${label}" ${LEXICAL}><p>Hi Josh</p></div></div></div>`,
      { hostname: "www.facebook.com", pathname: "/" },
    );
    assert.equal(fb.fromKey(key(doc.querySelector("[role=textbox]"))).context, "dm");
  }
});

test("a profile's 'Add Friend <Name>' is a friend request for that name", () => {
  const doc = page(
    `<div role="main"><div><h1>Rebecca Smith</h1><div><div role="button" aria-label="Add Friend Rebecca Smith"></div></div></div></div>`,
    { hostname: "www.facebook.com", pathname: "/rebecca.smith.75" },
  );
  const add = fb.fromClick(doc.querySelector("[role=button]"));
  assert.deepEqual(fb.readContact(add), { name: "Rebecca Smith", handle: "rebecca.smith.75", action: "add" });
  // "Add friends" (to a group, say) is not a friend request.
  const group = page(`<div role="button" aria-label="Add friends"></div>`, { hostname: "www.facebook.com", pathname: "/groups/1" });
  assert.equal(fb.fromClick(group.querySelector("[role=button]")), null);
});
