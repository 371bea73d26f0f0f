// Sending what was stopped, once it is judged clean: the same control clicked again behind a
// one-shot bypass, or the key replayed, on the control or editor that is on the page *now*
// (React may have re-mounted the composer while the companion was thinking).
(function (root) {
  const pg = root.Postguard;
  const { deepQueryAll, keyProbe } = pg.events;

  // `bypass`: the WeakSet of controls and replayed key events allowed through once.
  // `sourceOf(action)`: the adapter (or safety net) that recognised the action.
  // `judgedOf(action)`: what would go out, to compare with what was judged.
  function forPage(doc, adapter, { bypass, sourceOf, judgedOf }) {
    function activate(action) {
      const source = sourceOf(action);
      const control = action.control || (source.submitButton && source.submitButton(action));
      if (control) {
        bypass.add(control);
        try {
          control.click();
        } finally {
          bypass.delete(control);
        }
        return;
      }
      replayKey(action);
    }

    function replayKey(action) {
      const original = action.keyEvent;
      const replay = new KeyboardEvent("keydown", {
        key: original.key,
        code: original.code,
        ctrlKey: original.ctrlKey,
        metaKey: original.metaKey,
        shiftKey: original.shiftKey,
        altKey: original.altKey,
        location: original.location,
        bubbles: true,
        cancelable: true,
        composed: true,
      });
      bypass.add(replay);
      action.editor.dispatchEvent(replay);
    }

    function signature(control) {
      return [
        control.nodeName,
        control.getAttribute("data-testid") || "",
        control.getAttribute("aria-label") || "",
        control.getAttribute("value") || "",
        (control.textContent || "").trim(),
      ].join("\u0000");
    }

    function ready(action) {
      const node = action.control || action.editor;
      if (!node || !node.isConnected) return false;
      if (action.kind === "post" && action.scope && action.scope !== doc && !action.scope.isConnected) return false;
      return true;
    }

    // The control or editor we stopped, or its replacement: the same kind of control, or an
    // editor, that leads to exactly the text (or person) that was judged. Null when there is
    // none (the page really changed), so that nothing is clicked that would swallow the post.
    function relocate(action, judged) {
      if (ready(action)) return action;
      if (action.control) {
        const want = signature(action.control);
        const controls = "[role='button'], button, input[type='submit'], [data-testid]";
        for (const el of deepQueryAll(doc, controls, adapter.shadowHosts)) {
          if (signature(el) !== want) continue;
          const again = sourceOf(action).fromClick(el);
          if (again && again.control === el && again.kind === action.kind && again.context === action.context && judgedOf(again) === judged) {
            return again;
          }
        }
        return null;
      }
      const editors = action.source
        ? pg.net.EDITABLE
        : Object.entries(adapter.selectors || {})
            .filter(([name]) => /editor/i.test(name))
            .map(([, selector]) => selector)
            .join(", ");
      if (!editors) return null;
      for (const el of deepQueryAll(doc, editors, adapter.shadowHosts)) {
        const probe = { ...keyProbe(action.keyEvent, el), isComposing: false };
        const again = sourceOf(action).fromKey(probe);
        if (again && again.context === action.context && judgedOf(again) === judged) {
          return { ...again, keyEvent: action.keyEvent };
        }
      }
      return null;
    }

    return { activate, relocate };
  }

  pg.resend = { forPage };
})(globalThis);
