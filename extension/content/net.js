// The safety net: the sites change weekly, so a composer the site adapters do not know yet is
// still checked. On the sites we cover, a submit-like action from any editable element holding
// text, or from a composer holding a photo the person attached, goes to the companion:
//  - a click on a button whose label or text is a send word (Send, Post, Reply, Comment, …, in
//    every language the adapters carry) or a submit button, inside the same form, dialog or
//    shadow root as that editable;
//  - Enter without Shift in a single-line editable (chat and comment boxes; an editable marked
//    aria-multiline is a composer where Enter is a new line, and is left alone).
// The site adapter always decides first; the net only sees what it passed over. Like every
// surface, a clean text goes through exactly once: the click is repeated behind the bypass, or
// the key replayed.
(function (root) {
  const pg = root.Postguard;
  const { editorText, labelIn } = pg.dom;

  const { EDITABLE } = pg.events;
  const BUTTON = "button, [role='button'], input[type='submit']";
  const SEND_WORDS = [
    // English
    "Send", "Post", "Reply", "Comment", "Publish", "Share", "Tweet", "Submit", "Post comment",
    // Welsh, Polish, Urdu, Romanian, Punjabi (as the adapters carry them)
    "Anfon", "Postio", "Ateb", "Sylw", "Cyhoeddi",
    "Wyślij", "Opublikuj", "Odpowiedz", "Skomentuj",
    "بھیجیں", "پوسٹ کریں", "جواب دیں", "تبصرہ کریں",
    "Trimite", "Postează", "Răspunde", "Comentează", "Publică",
    "ਭੇਜੋ", "ਪੋਸਟ ਕਰੋ", "ਜਵਾਬ ਦਿਓ", "ਟਿੱਪਣੀ ਕਰੋ",
  ];

  function labelOf(el) {
    return (
      el.getAttribute("aria-label") ||
      (el.nodeName === "INPUT" ? el.getAttribute("value") || "" : (el.textContent || "").trim())
    );
  }

  function scopeOf(el) {
    return el.closest("form, [role='dialog']") || el.getRootNode();
  }

  function editablesIn(scope) {
    return [...scope.querySelectorAll(EDITABLE)].filter((el) => !el.parentElement?.closest(EDITABLE));
  }

  function withText(scope) {
    return editablesIn(scope).filter((el) => editorText(el).trim());
  }

  function isSubmitLike(control) {
    if (control.matches("button[type='submit'], input[type='submit']")) return true;
    return labelIn(labelOf(control), SEND_WORDS);
  }

  // `adapter`: the site's own adapter, which knows its editors (where Enter may be a new line).
  // `hasPhotos(node)`: whether the person attached images to the composer holding a send control
  // or text box (photos.js), so that a photo sent with no words is checked too.
  function forSite(adapter, { hasPhotos = () => false } = {}) {
    const site = adapter.site;
    const knows = (el) => (adapter.knowsEditor ? adapter.knowsEditor(el) : false);

    function fromClick(target) {
      const control = target.closest?.(BUTTON);
      if (!control || control.closest(EDITABLE) || !isSubmitLike(control)) return null;
      const scope = scopeOf(control);
      // Only a form, a dialog or a shadow root: a "Reply" icon anywhere on the page is not a
      // submit of whatever draft sits elsewhere on it.
      if (scope === control.ownerDocument) return null;
      if (!withText(scope).length && !hasPhotos(control)) return null;
      return { kind: "post", control, scope, context: "post", source: net };
    }

    function fromKey(event) {
      if (event.key !== "Enter" || event.isComposing) return null;
      if (event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return null;
      const editor = event.target?.closest?.(EDITABLE);
      // An editor the adapter knows and passed over is one where Enter is a new line.
      if (!editor || knows(editor) || editor.getAttribute("aria-multiline") === "true") return null;
      if (editor.nodeName === "TEXTAREA" && Number(editor.getAttribute("rows") || 1) > 1) return null;
      const scope = scopeOf(editor);
      if (!editorText(editor).trim() && !hasPhotos(editor)) return null;
      return { kind: "post", editor, scope, context: "post", source: net };
    }

    function readPost(action) {
      const boxes = action.editor ? [action.editor] : withText(action.scope);
      const text = boxes.map(editorText).filter((t) => t.trim()).join("\n\n");
      return { text, attachments: [], editors: boxes };
    }

    const net = {
      site,
      fromClick,
      fromKey,
      readPost,
      submitButton: () => null,
      readContact: () => ({ name: "", handle: null, action: "accept" }),
      identity: () => null,
      selectors: {},
    };
    return net;
  }

  pg.net = { forSite, EDITABLE };
})(globalThis);
