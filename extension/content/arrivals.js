// Where an image arrives in a composer, and which image files it brings: the file picker (X's
// fileInput, X Chat's dm-composer-file-input inside its shadow root, Facebook's inputs), a paste
// into a text box, or a drop onto a composer. The files are taken while the event runs (a
// paste's or a drop's files cannot be read later). Nothing here stops or changes the event: the
// site's own paste and drop handling, and its preview, go on. Only the person's own events count.
(function (root) {
  const pg = root.Postguard;
  const { realTarget, EDITABLE } = pg.events;

  // The events that bring files. A file picker fires "input" and "change" with the same File
  // objects: each file is taken once.
  const TYPES = ["input", "change", "paste", "drop"];

  // Where an attached image belongs: the composer around it (a form or a dialog), else the
  // nearest block holding a text box (X's inline composer has neither form nor dialog: its block
  // holds the box, the file picker and the Post button, and a reply dialog's post is not its
  // post), else the page or shadow root it is in.
  function scopeOf(el) {
    return el.closest("form, [role='dialog']") || pg.dom.nearestContaining(el, EDITABLE) || el.getRootNode();
  }

  // An image file by its type; a file the browser gives no type (an iPhone's HEIC photo in Chrome
  // on Windows, which Facebook's picker accepts) by its name. Such a file is checked, or where the
  // browser cannot draw it reported as not checked, instead of going out unseen (found in review).
  const IMAGE_NAME = /\.(jpe?g|jfif|pjpeg|png|apng|gif|webp|avif|heic|heif|bmp|tiff?)$/i;
  const isImage = (file) =>
    !!file &&
    typeof file.type === "string" &&
    (file.type ? file.type.startsWith("image/") : IMAGE_NAME.test(String(file.name || "")));
  const images = (list) => [...(list || [])].filter(isImage);

  // A clipboard's or a drag's image files; a browser may list a pasted image only as an item.
  function transferred(data) {
    if (!data) return [];
    const files = images(data.files);
    if (files.length) return files;
    const items = [...(data.items || [])].filter((item) => item.kind === "file");
    return images(items.map((item) => item.getAsFile()));
  }

  function found(at, files) {
    return files.length ? { scope: scopeOf(at), files } : null;
  }

  // { scope, files } when `event` brings image files into a composer, else null.
  function arrival(event) {
    const target = realTarget(event);
    // A drop can land on a text node.
    const at = target && target.nodeType === 3 ? target.parentElement : target;
    if (!at || typeof at.closest !== "function") return null;
    switch (event.type) {
      case "input":
      case "change":
        if (at.nodeName !== "INPUT" || at.type !== "file") return null;
        return found(at, images(at.files));
      case "paste":
        // Into a text box: a paste anywhere else attaches nothing.
        if (!at.closest(EDITABLE)) return null;
        return found(at, transferred(event.clipboardData));
      case "drop": {
        // Onto a composer: a text box, or a block (form, dialog, page) that holds one.
        const scope = scopeOf(at);
        if (!at.closest(EDITABLE) && !(scope.querySelector && scope.querySelector(EDITABLE))) return null;
        return found(at, transferred(event.dataTransfer));
      }
      default:
        return null;
    }
  }

  // Calls `take(scope, files)` for each person's paste, drop or choice of image files in `doc`,
  // each file once. Returns a function that stops listening.
  function listen(doc, take, { isPersonsInput = pg.events.isPersonsInput } = {}) {
    const seen = new WeakSet(); // files, and events met both in a shadow root and on `document`
    function onEvent(event) {
      if (!isPersonsInput(event) || seen.has(event)) return;
      seen.add(event);
      const found = arrival(event);
      const files = found ? found.files.filter((f) => !seen.has(f)) : [];
      for (const f of files) seen.add(f);
      if (files.length) take(found.scope, files);
    }

    // A file input inside a shadow root (X Chat): its "change" stays inside the root, and its
    // "input" does not reach `document` in every browser (Chromium lets it out, Firefox did not
    // in our tests). The person clicks or focuses inside the root before a picker can open, so
    // each open root they have used is listened to as well.
    const roots = [];
    function onUse(event) {
      if (!isPersonsInput(event) || typeof event.composedPath !== "function") return;
      for (const node of event.composedPath()) {
        if (node && node.nodeType === 11 && node.host && !roots.includes(node)) {
          roots.push(node);
          for (const type of TYPES) node.addEventListener(type, onEvent, true);
        }
      }
    }

    for (const type of TYPES) doc.addEventListener(type, onEvent, true);
    doc.addEventListener("click", onUse, true);
    doc.addEventListener("focusin", onUse, true);
    return () => {
      for (const place of [doc, ...roots]) {
        for (const type of TYPES) place.removeEventListener(type, onEvent, true);
      }
      doc.removeEventListener("click", onUse, true);
      doc.removeEventListener("focusin", onUse, true);
    };
  }

  pg.arrivals = { TYPES, arrival, scopeOf, listen, isImage };
})(globalThis);
