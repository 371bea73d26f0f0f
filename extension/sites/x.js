// X (x.com, chat.x.com, twitter.com): every selector and label the extension relies on, in one place.
// X marks its controls with data-testid attributes, which change far less often than its classes
// or its translated labels, so everything here keys on those.
(function (root) {
  const pg = root.Postguard;
  const { editorText, nearestContaining } = pg.dom;

  // Where each fact comes from is written down in the fixture pages (tests/e2e/fixtures/x/).
  const SEL = {
    editor: "[data-testid^='tweetTextarea_']",
    postButton: "[data-testid='tweetButton'], [data-testid='tweetButtonInline']",
    // Direct messages: X Chat (since late 2025, inside the open shadow root of
    // [data-testid='xchatEmbedRoute'], on /i/chat/… and in the chat drawer; in the page itself
    // on chat.x.com), and the older DM composer, still in X's bundle.
    dmEditor: "textarea[data-testid='dm-composer-textarea'], [data-testid='dmComposerTextInput']",
    dmSend: "[data-testid='dm-composer-send-button'], [data-testid='dmComposerSendButton']",
    dmForm: "form[data-testid='dm-composer-form']",
    chatHost: "[data-testid='xchatEmbedRoute']",
    chatHeader: "[data-testid='dm-conversation-header']",
    chatName: "[data-testid='dm-conversation-username']",
    requestAccept: "[data-testid='dm-message-request-accept-button']",
    follow: "[data-testid$='-follow']",
    dialog: "[role='dialog']",
    repliedTweet: "article[data-testid='tweet']",
    attachments: "[data-testid='attachments'] img",
    userCell: "[data-testid='UserCell']",
    userName: "[data-testid='UserName'], [data-testid='User-Name']",
    accountSwitcher: "[data-testid='SideNav_AccountSwitcher_Button']",
    avatarContainer: "[data-testid^='UserAvatar-Container-']",
  };
  // tweetTextarea_0 is the box; tweetTextarea_0_label and friends are wrappers around it.
  const EDITOR_ID = /^tweetTextarea_\d+$/;
  const HANDLE = /@([A-Za-z0-9_]{1,15})/;

  function isEditor(el) {
    return !!el && EDITOR_ID.test(el.getAttribute("data-testid") || "");
  }

  // The narrow layout puts a plain <textarea> inside the tweetTextarea_N box; its text is only
  // in .value. Elsewhere the box itself is the (contenteditable) editor.
  function boxText(el) {
    const field = el.nodeName === "TEXTAREA" ? el : el.querySelector("textarea");
    return editorText(field || el);
  }

  function editorsIn(scope) {
    return [...scope.querySelectorAll(SEL.editor)].filter(isEditor);
  }

  // A post composer's extent: the modal it sits in, else the nearest block holding its boxes.
  function composerScope(from) {
    return from.closest(SEL.dialog) || nearestContaining(from, SEL.editor) || from.ownerDocument;
  }

  function postContext(control, scope) {
    if (control.matches(SEL.dmSend) || control.matches(SEL.dmEditor)) return "dm";
    const path = control.ownerDocument.location?.pathname || "";
    // The narrow layout answers a post on a page of its own: /compose/post?in_reply_to=<id>
    // (automation scripts for x.com, April 2026), with no dialog and no /status/ in the path.
    const search = control.ownerDocument.location?.search || "";
    if (scope.matches?.(SEL.dialog) && scope.querySelector(SEL.repliedTweet)) return "reply";
    if (!scope.matches?.(SEL.dialog) && /\/status\/\d+/.test(path)) return "reply";
    if (/[?&]in_reply_to=\d+/.test(search)) return "reply";
    return "post";
  }

  // A DM's extent: its composer form (X Chat), else the nearest block holding its box.
  function dmScope(from) {
    return from.closest(SEL.dmForm) || nearestContaining(from, SEL.dmEditor) || from.getRootNode();
  }

  function fromClick(target) {
    const control = target.closest(
      `${SEL.postButton}, ${SEL.dmSend}, ${SEL.follow}, ${SEL.requestAccept}`,
    );
    if (!control) return null;
    if (control.matches(SEL.follow) || control.matches(SEL.requestAccept)) {
      return { kind: "contact", control };
    }
    if (control.matches(SEL.dmSend)) {
      return { kind: "post", control, scope: dmScope(control), context: "dm" };
    }
    const scope = composerScope(control);
    return { kind: "post", control, scope, context: postContext(control, scope) };
  }

  // Keys that make X send: Ctrl/Cmd+Enter in the post composer, Enter alone in a DM.
  function fromKey(event) {
    if (event.key !== "Enter" || event.isComposing) return null;
    const target = event.target;
    if (!target || !target.closest) return null;
    const dm = target.closest(SEL.dmEditor);
    if (dm && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      return { kind: "post", editor: dm, scope: dmScope(dm), context: "dm" };
    }
    // In the narrow layout the key lands on the <textarea> inside the box.
    const editor = target.closest(SEL.editor) || target.parentElement?.closest(SEL.editor);
    if (editor && isEditor(editor) && (event.ctrlKey || event.metaKey)) {
      const scope = composerScope(editor);
      return { kind: "post", editor, scope, context: postContext(editor, scope) };
    }
    return null;
  }

  // After a clean verdict for a key press, X's own send button does what the key would have.
  function submitButton(action) {
    const selector = action.context === "dm" ? SEL.dmSend : SEL.postButton;
    return action.scope.querySelector ? action.scope.querySelector(selector) : null;
  }

  function readPost(action) {
    const boxes =
      action.context === "dm"
        ? [...action.scope.querySelectorAll(SEL.dmEditor)]
        : editorsIn(action.scope);
    const text = boxes
      .map(boxText)
      .filter((t) => t.trim())
      .join("\n\n");
    const attachments = [...action.scope.querySelectorAll(SEL.attachments)].map((img) => ({
      kind: "image",
      name: (img.getAttribute("src") || "").split(/[/?#]/).filter(Boolean).pop() || "",
      alt: img.getAttribute("alt") || "",
    }));
    return { text, attachments, editors: boxes };
  }

  function readContact(action) {
    const control = action.control;
    if (control.matches(SEL.requestAccept)) return chatPerson(control);
    const label = control.getAttribute("aria-label") || control.textContent || "";
    const handleMatch = label.match(HANDLE);
    const handle = handleMatch ? handleMatch[1] : null;
    const nameEl = nameBlockOf(control, handle);
    // The name block reads "Display Name\n@handle"; the display name is its first part.
    let name = "";
    if (nameEl) {
      const first = nameEl.querySelector("span");
      name = (first ? first.textContent : nameEl.textContent).split("@")[0].trim();
    }
    return { name: name || handle || "", handle, action: "follow" };
  }

  // The name block of the account a Follow button is for: the nearest one around the button (a
  // "Who to follow" cell, a hover card over the timeline, a profile's header), and only if it
  // shows the button's @handle. Never the first on the page: on a timeline that is a post's
  // author, and the person followed would be checked under someone else's name.
  function nameBlockOf(control, handle) {
    for (let node = control.parentElement; node; node = node.parentElement) {
      const blocks = [...node.querySelectorAll(SEL.userName)];
      if (!blocks.length) continue;
      const shows = (block) => !handle || block.textContent.toLowerCase().includes(`@${handle.toLowerCase()}`);
      if (blocks.length === 1) return shows(blocks[0]) ? blocks[0] : null;
      return handle ? blocks.find(shows) || null : null;
    }
    return null;
  }

  // Accepting a message request is befriending: the person is the conversation's other side,
  // named in its header (display name, and the handle its link points to).
  function chatPerson(control) {
    const root = control.getRootNode();
    const header = root.querySelector ? root.querySelector(SEL.chatHeader) : null;
    const nameEl = header && header.querySelector(SEL.chatName);
    const link = header && header.querySelector("a[href^='/']");
    const handle = link ? (link.getAttribute("href").slice(1).match(/^[A-Za-z0-9_]{1,15}$/) || [null])[0] : null;
    const name = nameEl ? nameEl.textContent.trim() : "";
    return { name: name || handle || "", handle, action: "accept" };
  }

  // Which of the surfaces this adapter knows are on the page now (names only, never text), so
  // IT can see at a glance when a redesign has broken one.
  function surfaces(doc) {
    const chat = doc.querySelector(SEL.chatHost);
    const inChat = (selector) => !!(chat && chat.shadowRoot && chat.shadowRoot.querySelector(selector));
    const found = [];
    if (editorsIn(doc).length) found.push("post composer");
    if (doc.querySelector(SEL.dmEditor) || inChat(SEL.dmEditor)) found.push("chat");
    if (inChat(SEL.requestAccept)) found.push("message request");
    if (doc.querySelector(SEL.follow)) found.push("follow buttons");
    return found;
  }

  // The signed-in account's handle, from the account switcher in the side bar.
  function identity(doc) {
    const avatar = doc.querySelector(`${SEL.accountSwitcher} ${SEL.avatarContainer}`);
    if (avatar) {
      return avatar.getAttribute("data-testid").slice("UserAvatar-Container-".length);
    }
    const switcher = doc.querySelector(SEL.accountSwitcher);
    const match = switcher && (switcher.textContent || "").match(HANDLE);
    return match ? match[1] : null;
  }

  pg.sites.x = {
    site: "x",
    // chat.x.com: X Chat as a web app of its own, the same chat in the page's own DOM.
    hosts: ["x.com", "chat.x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"],
    selectors: SEL,
    shadowHosts: SEL.chatHost,
    knowsEditor: (el) => !!(el.closest(SEL.editor) || el.closest(SEL.dmEditor)),
    // The context a text box's words would go out in, for hints while typing.
    contextOf: (el) => {
      if (el.closest(SEL.dmEditor)) return "dm";
      const box = el.closest(SEL.editor) || el.parentElement?.closest(SEL.editor);
      return box ? postContext(box, composerScope(box)) : "post";
    },
    surfaces,
    fromClick,
    fromKey,
    submitButton,
    readPost,
    readContact,
    identity,
    // The post composer a pasted or dropped photo arrived in, where X shows its preview: a paste
    // lands in the text box, whose own wrapper holds neither the previews nor the Post button.
    // Elsewhere (X Chat, a shadow root) the place is kept.
    composerAround: (place) => {
      if (place.nodeType !== 1 || !(place.matches(SEL.editor) || place.querySelector(SEL.editor))) return place;
      const editor = place.matches(SEL.editor) ? place : place.querySelector(SEL.editor);
      return editor.closest(SEL.dialog) || nearestContaining(editor, SEL.postButton) || place;
    },
    // How many images from the person's computer the composer in `place` shows a preview of
    // (blob: or data: sources, each counted once; a GIF from X's own search is a remote one):
    // how content/photos.js tells a photo taken out, or one shown but never checked.
    previewCount: (place) => {
      if (!place.querySelectorAll) return 0;
      const sources = [...place.querySelectorAll(SEL.attachments)].map((img) => img.getAttribute("src") || "");
      return new Set(sources.filter((src) => /^(blob|data):/.test(src))).size;
    },
  };
})(globalThis);
