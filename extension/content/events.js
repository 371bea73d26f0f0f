// What a person's click or key press is about: the element they really used (inside a shadow
// root, too), what the adapters read of a key, and where on the page a control or editor lives.
(function (root) {
  const pg = root.Postguard;

  // The element the person actually clicked or typed in. A listener on `document` sees only the
  // shadow host as `event.target` when the site renders inside a shadow root (X Chat does);
  // composedPath() reaches inside open roots.
  function realTarget(event) {
    const path = typeof event.composedPath === "function" ? event.composedPath() : [];
    const first = path[0];
    return first && first.nodeType === 1 ? first : event.target;
  }

  // What adapters read of a key event, with the real target.
  function keyProbe(event, target) {
    return {
      key: event.key,
      code: event.code,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      shiftKey: event.shiftKey,
      altKey: event.altKey,
      location: event.location,
      isComposing: event.isComposing,
      target,
    };
  }

  // Only a person's own input is acted on (the browser's isTrusted). A page script can build a
  // fake composer and call .click() or dispatchEvent() to use the companion as an oracle for who
  // is on the roster; such events are neither checked nor stopped nor hinted.
  const isPersonsInput = (event) => event.isTrusted === true;

  // Every element matching `selector` in the document and in the open shadow roots of the
  // hosts the adapter names (a re-rendered X Chat composer lives in one).
  function deepQueryAll(doc, selector, hosts) {
    const found = [...doc.querySelectorAll(selector)];
    if (!hosts) return found;
    for (const host of doc.querySelectorAll(hosts)) {
      if (host.shadowRoot) found.push(...host.shadowRoot.querySelectorAll(selector));
    }
    return found;
  }

  // Anything a person can type or paste into: the sites' editors and the ones no adapter knows.
  const EDITABLE = "textarea, [contenteditable='true'], [contenteditable=''], [role='textbox']";

  function isDisabled(control) {
    return control.getAttribute("aria-disabled") === "true" || control.disabled === true;
  }

  // Below this, a control is not one the person can be said to see (X greys a disabled Post
  // button to 0.5; a page hiding one goes to 0).
  const MIN_OPACITY = 0.2;

  // Whether the person can see `control`: a click on one they cannot see is not their choice. A
  // page could lay an invisible Post button over the window, with text of its own in an
  // invisible editor, so that any click by the person has that text checked; what the extension
  // then does (send the click on, or hold it and show a dialog) would tell the page whether a
  // name is on the roster. Such a click is left alone, as on any control that is not a post's.
  function seenByPerson(control) {
    const view = control.ownerDocument.defaultView;
    if (
      typeof control.checkVisibility === "function" &&
      !control.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    ) {
      return false;
    }
    let opacity = 1;
    for (let node = control; node && node.nodeType === 1; node = node.parentElement || node.getRootNode().host) {
      const style = view.getComputedStyle(node);
      const own = parseFloat(style.opacity);
      if (!Number.isNaN(own)) opacity *= own;
      opacity *= filterOpacity(style.filter);
      if (opacity < MIN_OPACITY) return false;
    }
    return true;
  }

  // What `filter: opacity(…)` leaves of an element (a page may hide a button that way too).
  function filterOpacity(filter) {
    let left = 1;
    for (const [, amount, percent] of (filter || "").matchAll(/opacity\(\s*([\d.]+)(%?)\s*\)/g)) {
      left *= percent ? Number(amount) / 100 : Number(amount);
    }
    return Number.isFinite(left) ? left : 1;
  }

  pg.events = { realTarget, keyProbe, isPersonsInput, deepQueryAll, isDisabled, seenByPerson, EDITABLE };
})(globalThis);
