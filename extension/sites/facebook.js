// Facebook (www/web/m.facebook.com) and Messenger: every selector and label in one place.
// Facebook has no test ids and translates its aria-labels, so structure comes first (Lexical's
// data-lexical-editor, role=textbox, role=button, role=dialog, role=article, forms) and labels
// only tell apart buttons that structure cannot. Labels are carried for English, Welsh, Polish,
// Urdu, Romanian and Punjabi, the languages most common among staff in UK schools.
(function (root) {
  const pg = root.Postguard;
  const { editorText, labelIn, labelStartsWith, nearestContaining } = pg.dom;

  const SEL = {
    // Lexical on www/web and Messenger; m.facebook.com's basic composer is a plain <textarea> in
    // a <form>.
    editor:
      "[data-lexical-editor='true'][role='textbox'], [contenteditable='true'][role='textbox'], form textarea",
    button: "[role='button'], button, input[type='submit']",
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
    comment: ["Comment", "Rhoi sylw", "Sylw", "Skomentuj", "تبصرہ کریں", "Comentează", "ਟਿੱਪਣੀ ਕਰੋ"],
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
      "Ysgrifennu ateb",
      "Napisz odpowiedź",
      "Odpowiedz jako",
      "جواب لکھیں",
      "Scrie un răspuns",
      "Răspunde ca",
      "ਜਵਾਬ ਲਿਖੋ",
    ],
    messageBox: ["Message", "Aa", "Neges", "Wiadomość", "پیغام", "Mesaj", "ਸੁਨੇਹਾ"],
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
    if (el.nodeName === "INPUT") return el.getAttribute("value") || el.value || "";
    return (el.textContent || "").trim();
  }

  function isMessenger(doc) {
    return /(^|\.)messenger\.com$/.test(doc.location?.hostname || "");
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
    if (isMessenger(editor.ownerDocument) || labelIn(label, LABELS.messageBox)) return "dm";
    if (editor.closest(SEL.dialog)) return "post";
    if (editor.closest(SEL.article) || editor.closest("form")) return "comment";
    return "post";
  }

  // Enter sends in comment, reply and chat boxes; in the post composer it starts a new line.
  function submitsOnEnter(kind) {
    return kind === "comment" || kind === "reply" || kind === "dm";
  }

  function scopeFor(from) {
    const dialog = from.closest(SEL.dialog);
    if (dialog && dialog.querySelector(SEL.editor)) return dialog;
    return from.closest("form") || nearestContaining(from, SEL.editor) || from.ownerDocument;
  }

  function fromClick(target) {
    const control = target.closest(SEL.button);
    if (!control) return null;
    const label = labelOf(control);
    if (labelIn(label, LABELS.confirm)) return { kind: "contact", control, action: "accept" };
    if (labelIn(label, LABELS.addFriend)) return { kind: "contact", control, action: "add" };
    const isPost = labelIn(label, LABELS.post);
    const isComment = labelIn(label, LABELS.comment);
    const isSend = labelIn(label, LABELS.send);
    const isFormSubmit = control.matches("button[type='submit'], [type='submit']");
    if (!isPost && !isComment && !isSend && !isFormSubmit) return null;
    const scope = scopeFor(control);
    const editor = scope.querySelector?.(SEL.editor);
    if (!editor) return null;
    const kind = isSend ? "dm" : isPost ? "post" : boxKind(editor);
    return { kind: "post", control, scope, context: kind };
  }

  function fromKey(event) {
    if (event.key !== "Enter" || event.isComposing) return null;
    const editor = event.target?.closest?.(SEL.editor);
    if (!editor) return null;
    // Enter in a plain <textarea> is a new line: only the form's submit button sends it.
    if (editor.nodeName === "TEXTAREA") return null;
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

  // The person on a friend-request card: the nearest profile link with a visible name.
  function readContact(action) {
    for (let node = action.control.parentElement; node; node = node.parentElement) {
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
    hosts: ["www.facebook.com", "web.facebook.com", "m.facebook.com", "www.messenger.com"],
    selectors: SEL,
    labels: LABELS,
    fromClick,
    fromKey,
    readPost,
    readContact,
    identity,
    boxKind,
  };
})(globalThis);
