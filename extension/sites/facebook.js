// Facebook (www/web/m.facebook.com, facebook.com/messages) and Messenger: every selector and
// label in one place. Where each fact comes from is written in tests/e2e/fixtures/facebook/.
// Facebook has no test ids and translates its aria-labels, so structure comes first (Lexical's
// data-lexical-editor, role=textbox, role=button, role=dialog, role=article, forms) and labels
// only tell apart buttons that structure cannot. Labels are carried for English, Welsh, Polish,
// Urdu, Romanian and Punjabi, the languages most common among staff in UK schools.
(function (root) {
  const pg = root.Postguard;
  const { editorText, labelIn, labelStartsWith, nearestContaining } = pg.dom;

  const SEL = {
    // Lexical everywhere today (m.facebook.com's basic <form><textarea> composer was shut down
    // in December 2024; m.facebook.com is a JavaScript app now).
    editor: "[data-lexical-editor='true'][role='textbox'], [contenteditable='true'][role='textbox']",
    button: "[role='button'], button",
    // The submit beside a focused comment box, whatever its label says.
    commentSubmit: "#focused-state-composer-submit [role='button']",
    dialog: "[role='dialog']",
    article: "[role='article']",
    profileLink: "a[href]",
    attachments: "img[src^='blob:'], img[src^='data:image']",
    postingAs: "[aria-label]",
  };

  const LABELS = {
    // The composer's publish button.
    post: ["Post", "Postio", "Opublikuj", "پوسٹ کریں", "Postează", "ਪੋਸਟ ਕਰੋ", "Share now", "Share"],
    // Submit beside a comment or reply box.
    comment: [
      "Comment",
      "Post comment",
      "Rhoi sylw",
      "Sylw",
      "Skomentuj",
      "تبصرہ کریں",
      "Comentează",
      "ਟਿੱਪਣੀ ਕਰੋ",
    ],
    // The first step of Facebook's two-step composer (Pages, some profiles, Reels), and the
    // final steps after it, whose dialog no longer holds the editor.
    next: ["Next", "Nesaf", "Dalej", "اگلا", "Înainte", "Următorul", "ਅੱਗੇ"],
    publish: [
      "Post",
      "Publish",
      "Share to story",
      "Share to Story",
      "Share to your story",
      "Cyhoeddi",
      "Opublikuj",
      "شائع کریں",
      "Publică",
      "ਪ੍ਰਕਾਸ਼ਿਤ ਕਰੋ",
    ],
    // Following a professional profile.
    follow: ["Follow", "Dilyn", "Obserwuj", "فالو کریں", "Urmărește", "ਫਾਲੋ ਕਰੋ"],
    // Messenger and chat windows.
    send: [
      "Press enter to send",
      "Send",
      "Pwyswch enter i anfon",
      "Anfon",
      "Naciśnij Enter, aby wysłać",
      "Wyślij",
      "بھیجنے کے لیے Enter دبائیں",
      "بھیجیں",
      "Apasă Enter pentru a trimite",
      "Trimite",
      "ਭੇਜਣ ਲਈ ਐਂਟਰ ਦਬਾਓ",
      "ਭੇਜੋ",
    ],
    // Accepting a friend request.
    confirm: ["Confirm", "Confirm request", "Cadarnhau", "Potwierdź", "تصدیق کریں", "Confirmă", "ਪੁਸ਼ਟੀ ਕਰੋ"],
    // Sending one.
    addFriend: [
      "Add friend",
      "Add Friend",
      "Ychwanegu ffrind",
      "Dodaj do znajomych",
      "دوست شامل کریں",
      "دوست بنائیں",
      "Adaugă prieten",
      "Adaugă la prieteni",
      "ਦੋਸਤ ਸ਼ਾਮਲ ਕਰੋ",
      "ਦੋਸਤ ਬਣਾਓ",
    ],
    // Editor placeholders (aria-label), by prefix.
    commentBox: [
      "Write a comment",
      "Write a public comment",
      "Submit your first comment",
      "Write an answer",
      "Answer as",
      "Comment as",
      "Ysgrifennu sylw",
      "Napisz komentarz",
      "Skomentuj jako",
      "تبصرہ لکھیں",
      "Scrie un comentariu",
      "Comentează ca",
      "ਟਿੱਪਣੀ ਲਿਖੋ",
      "ਇੱਕ ਟਿੱਪਣੀ ਲਿਖੋ",
    ],
    replyBox: [
      "Write a reply",
      "Reply as",
      "Reply to",
      "Ysgrifennu ateb",
      "Napisz odpowiedź",
      "Odpowiedz jako",
      "جواب لکھیں",
      "Scrie un răspuns",
      "Răspunde ca",
      "ਜਵਾਬ ਲਿਖੋ",
    ],
    messageBox: ["Message", "Aa", "Neges", "Wiadomość", "پیغام", "Mesaj", "ਸੁਨੇਹਾ"],
    // Chat boxes today, by prefix: "Write to <Name>" (facebook.com/messages, the pop-up chat,
    // Marketplace threads: "Write to <Buyer> · <Item>").
    messageBoxNamed: ["Write to "],
    // A profile's add-friend button carries the person's name: "Add Friend <Name>".
    addFriendNamed: ["Add Friend "],
    // "Posting as …" identity switchers; the rest of the label is the identity.
    postingAs: [
      "Posting as",
      "Commenting as",
      "Comment as",
      "Reply as",
      "Postio fel",
      "Publikujesz jako",
      "Skomentuj jako",
      "بطور پوسٹ",
      "Postezi ca",
      "Comentează ca",
      "ਵਜੋਂ ਪੋਸਟ",
    ],
  };

  function labelOf(el) {
    if (el.getAttribute("aria-label")) return el.getAttribute("aria-label");
    return (el.textContent || "").trim();
  }

  function isMessenger(doc) {
    return /(^|\.)messenger\.com$/.test(doc.location?.hostname || "");
  }

  // facebook.com/messages/… (/t/<id>, /e2ee/t/<id>): every box there is a chat's.
  function isChatPage(doc) {
    return /^\/messages(\/|$)/.test(doc.location?.pathname || "");
  }

  // A label that is one of `prefixes` followed by a name (not the bare words): the name, else "".
  function startsWithNamed(label, prefixes) {
    const text = (label || "").replace(/\s+/gu, " ").trim();
    const prefix = prefixes.find((p) => text.startsWith(p) && text.length > p.length);
    return prefix ? text.slice(prefix.length).trim() : "";
  }

  // "Add friend", or a profile's "Add Friend <Name>".
  function isAddFriend(label) {
    return labelIn(label, LABELS.addFriend) || !!startsWithNamed(label, LABELS.addFriendNamed);
  }

  // The page's first path segment: a profile's vanity name.
  function profilePath(doc) {
    return (doc.location?.pathname || "").replace(/^\/+|\/+$/g, "").split("/")[0];
  }

  // The kind of text box an editor is, from where it sits first and its label second.
  function boxKind(editor) {
    const label =
      editor.getAttribute("aria-label") ||
      editor.getAttribute("aria-placeholder") ||
      editor.getAttribute("placeholder") ||
      "";
    if (labelStartsWith(label, LABELS.replyBox)) return "reply";
    if (labelStartsWith(label, LABELS.commentBox)) return "comment";
    if (isMessenger(editor.ownerDocument) || isChatPage(editor.ownerDocument)) return "dm";
    if (labelIn(label, LABELS.messageBox) || startsWithNamed(label, LABELS.messageBoxNamed)) return "dm";
    const dialog = editor.closest(SEL.dialog);
    // A post opened with "Leave a comment" is a dialog too; its comment box has the comment
    // submit beside it whatever language its label is in (a "post" there would let Enter send
    // the comment unchecked).
    if (dialog) return dialog.querySelector(SEL.commentSubmit) ? "comment" : "post";
    if (editor.closest(SEL.article) || editor.closest("form")) return "comment";
    return "post";
  }

  // Enter sends in comment, reply and chat boxes; in the post composer it starts a new line.
  function submitsOnEnter(kind) {
    return kind === "comment" || kind === "reply" || kind === "dm";
  }

  // A post composer's extent is its dialog; a comment's or a chat's is the nearest block holding
  // its box (a post opened by "Leave a comment" is a dialog holding the post and comment boxes).
  function scopeFor(from, composer) {
    const dialog = from.closest(SEL.dialog);
    if (composer && dialog && dialog.querySelector(SEL.editor)) return dialog;
    return (
      from.closest("form") ||
      nearestContaining(from, SEL.editor, dialog || undefined) ||
      dialog ||
      from.ownerDocument
    );
  }

  function fromClick(target) {
    const control = target.closest(SEL.button);
    if (!control) return null;
    const label = labelOf(control);
    if (labelIn(label, LABELS.confirm)) return { kind: "contact", control, action: "accept" };
    if (isAddFriend(label)) return { kind: "contact", control, action: "add" };
    if (labelIn(label, LABELS.follow)) return { kind: "contact", control, action: "follow" };
    const isComment = labelIn(label, LABELS.comment) || control.matches(SEL.commentSubmit);
    const isSend = labelIn(label, LABELS.send);
    const isNext = labelIn(label, LABELS.next);
    const isPost = labelIn(label, LABELS.post) || labelIn(label, LABELS.publish);
    if (!isPost && !isComment && !isSend && !isNext) return null;
    const scope = scopeFor(control, isPost || isNext);
    const editor = scope.querySelector?.(SEL.editor);
    if (!editor) {
      // The last step of the two-step composer: its dialog no longer holds the editor; the
      // text judged at "Next" is what goes out (the interceptor keeps it for this dialog).
      const dialog = control.closest(SEL.dialog);
      if (isPost && dialog) return { kind: "post", control, scope: dialog, context: "post", step: "final" };
      return null;
    }
    const kind = isSend ? "dm" : isPost || isNext ? "post" : boxKind(editor);
    return { kind: "post", control, scope, context: kind, ...(isNext ? { step: "first" } : {}) };
  }

  function fromKey(event) {
    if (event.key !== "Enter" || event.isComposing) return null;
    const editor = event.target?.closest?.(SEL.editor);
    if (!editor) return null;
    const kind = boxKind(editor);
    const plain = !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey;
    // The post composer has no send key: Enter is a new line there, so only its button counts.
    if (!submitsOnEnter(kind) || !plain) return null;
    const scope = kind === "post" ? scopeFor(editor) : editor.parentElement || editor;
    return { kind: "post", editor, scope, context: kind };
  }

  function readPost(action) {
    const editors = action.editor ? [action.editor] : [...action.scope.querySelectorAll(SEL.editor)];
    const text = editors
      .map(editorText)
      .filter((t) => t.trim())
      .join("\n\n");
    const attachments = [...action.scope.querySelectorAll(SEL.attachments)].map((img) => ({
      kind: "image",
      name: img.getAttribute("data-name") || "",
      alt: img.getAttribute("alt") || "",
    }));
    return { text, attachments, editors };
  }

  // The person a friend or follow button is about: walking up from the button, the first of a
  // named profile link (a request or suggestion card) or the page's own heading (a profile
  // page, where "Add friend" sits beside the name in the h1).
  function readContact(action) {
    const doc = action.control.ownerDocument;
    const named = startsWithNamed(labelOf(action.control), LABELS.addFriendNamed);
    if (named) {
      // The button says whom it befriends: better than any heading or link around it.
      return { name: named, handle: profilePath(doc) || null, action: action.action };
    }
    for (let node = action.control.parentElement; node; node = node.parentElement) {
      const heading = node.querySelector("h1");
      if (heading && (heading.textContent || "").trim()) {
        return { name: heading.textContent.trim(), handle: profilePath(doc) || null, action: action.action };
      }
      const link = [...node.querySelectorAll(SEL.profileLink)].find(
        (a) => (a.textContent || "").trim() && !a.contains(action.control),
      );
      if (link) {
        const href = link.getAttribute("href") || "";
        const path = href.replace(/^https?:\/\/[^/]+/, "").replace(/^\/+/, "").split(/[?#]/)[0];
        return { name: link.textContent.trim(), handle: path || null, action: action.action };
      }
    }
    return { name: "", handle: null, action: action.action };
  }

  // Which known surfaces are on the page now (names only, never text), for the options page.
  function surfaces(doc) {
    const kinds = new Set([...doc.querySelectorAll(SEL.editor)].map(boxKind));
    const names = { post: "post composer", comment: "comment box", reply: "reply box", dm: "chat" };
    const found = [...kinds].map((k) => names[k]).filter(Boolean);
    const buttons = [...doc.querySelectorAll(SEL.button)].map(labelOf);
    if (buttons.some((l) => labelIn(l, LABELS.confirm) || isAddFriend(l))) {
      found.push("friend buttons");
    }
    if (buttons.some((l) => labelIn(l, LABELS.follow))) found.push("follow buttons");
    return found.sort();
  }

  // Who the post goes out as: Facebook's "Posting as …" switcher when it is there (people who
  // manage a Page have one), else nothing (a personal profile).
  function identity(doc, scope) {
    const places = [scope, doc].filter(Boolean);
    for (const place of places) {
      for (const el of place.querySelectorAll(SEL.postingAs)) {
        const label = el.getAttribute("aria-label");
        const prefix = LABELS.postingAs.find((p) => label.startsWith(p));
        if (prefix) {
          const rest = label.slice(prefix.length).replace(/^[\s:]+/, "").trim();
          if (rest) return rest;
        }
      }
    }
    return null;
  }

  pg.sites.facebook = {
    site: "facebook",
    hosts: ["www.facebook.com", "web.facebook.com", "m.facebook.com", "www.messenger.com", "messenger.com"],
    selectors: SEL,
    labels: LABELS,
    fromClick,
    fromKey,
    readPost,
    readContact,
    identity,
    boxKind,
    knowsEditor: (el) => !!el.closest(SEL.editor),
    // The context a text box's words would go out in, for hints while typing.
    contextOf: (el) => {
      const editor = el.closest(SEL.editor);
      if (editor) return boxKind(editor);
      return isMessenger(el.ownerDocument) ? "dm" : "comment";
    },
    surfaces,
  };
})(globalThis);
