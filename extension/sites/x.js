// X (x.com, twitter.com): every selector and label the extension relies on, in one place.
// X marks its controls with data-testid attributes, which change far less often than its classes
// or its translated labels, so everything here keys on those.
(function (root) {
  const pg = root.Postguard;
  const { editorText, nearestContaining } = pg.dom;

  const SEL = {
    editor: "[data-testid^='tweetTextarea_']",
    postButton: "[data-testid='tweetButton'], [data-testid='tweetButtonInline']",
    dmEditor: "[data-testid='dmComposerTextInput']",
    dmSend: "[data-testid='dmComposerSendButton']",
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
    if (scope.matches?.(SEL.dialog) && scope.querySelector(SEL.repliedTweet)) return "reply";
    if (!scope.matches?.(SEL.dialog) && /\/status\/\d+/.test(path)) return "reply";
    return "post";
  }

  function fromClick(target) {
    const control = target.closest(`${SEL.postButton}, ${SEL.dmSend}, ${SEL.follow}`);
    if (!control) return null;
    if (control.matches(SEL.follow)) return { kind: "contact", control };
    if (control.matches(SEL.dmSend)) {
      const scope = nearestContaining(control, SEL.dmEditor) || control.ownerDocument;
      return { kind: "post", control, scope, context: "dm" };
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
      const scope = nearestContaining(dm, SEL.dmSend) || dm.ownerDocument;
      return { kind: "post", editor: dm, scope, context: "dm" };
    }
    const editor = target.closest(SEL.editor);
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
      .map(editorText)
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
    const label = control.getAttribute("aria-label") || control.textContent || "";
    const handleMatch = label.match(HANDLE);
    const card = control.closest(SEL.userCell) || control.ownerDocument;
    const nameEl = card.querySelector(SEL.userName);
    // The name block reads "Display Name\n@handle"; the display name is its first part.
    let name = "";
    if (nameEl) {
      const first = nameEl.querySelector("span");
      name = (first ? first.textContent : nameEl.textContent).split("@")[0].trim();
    }
    const handle = handleMatch ? handleMatch[1] : null;
    return { name: name || handle || "", handle, action: "follow" };
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
    hosts: ["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"],
    selectors: SEL,
    fromClick,
    fromKey,
    submitButton,
    readPost,
    readContact,
    identity,
  };
})(globalThis);
