// Stops every way of sending a post or a friend/follow until the companion has judged it.
// Listeners are delegated, in the capture phase, on `document`: they run before the site's own
// handlers and survive the site re-rendering its composer. After a clean verdict the original
// control is activated once more behind a one-shot bypass that clears itself.
(function (root) {
  const pg = root.Postguard;
  const t = (key, subs) => pg.t(key, subs);

  function problemMessage(answer) {
    const key = {
      unpaired: "noticeUnpaired",
      unproven: "noticeUnproven",
      timeout: "noticeTimeout",
    }[answer.problem] || "noticeUnreachable";
    return t(key);
  }

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

  function isDisabled(control) {
    return control.getAttribute("aria-disabled") === "true" || control.disabled === true;
  }

  // `send(message)` delivers a message to the background and resolves with its answer.
  // `isPersonsInput(event)` says whether an event came from the person (the browser's isTrusted);
  // only unit tests, whose DOM cannot make trusted events, pass another.
  function install(doc, adapter, send, { isPersonsInput = (event) => event.isTrusted === true } = {}) {
    const bypass = new WeakSet(); // controls (and replayed key events) allowed through once
    const pending = new WeakSet(); // controls or editors awaiting a verdict
    let noRosterShown = false;
    // Surfaces the adapter does not know yet are still checked (content/net.js); the adapter
    // decides first, and each action remembers which of the two found it.
    const net = pg.net ? pg.net.forSite(adapter) : null;
    const sourceOf = (action) => action.source || adapter;
    // Images attached through a file picker are checked at once (content/photos.js).
    const photos = pg.photos ? pg.photos.watch(doc, adapter, send, { isPersonsInput }) : null;
    // Two-step composers (Facebook's "Next" then "Post"/"Publish"/"Share to story"): the text
    // judged at the first step, kept for its dialog, since the editor leaves the DOM after it.
    const judgedAtFirstStep = new WeakMap();

    function postOf(action) {
      if (action.step === "final") {
        const text = judgedAtFirstStep.get(action.scope) || "";
        return { text, attachments: [], editors: [] };
      }
      return sourceOf(action).readPost(action);
    }

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

    // What was judged, so that what goes out can be compared with it.
    function judgedOf(action) {
      if (action.kind === "contact") return `contact:${adapter.readContact(action).name}`;
      return `post:${postOf(action).text}`;
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

    // React may re-mount the composer (or the whole card) while the companion is thinking: the
    // control or editor we stopped is then detached, and clicking it would swallow the post.
    // Find its replacement: the same kind of control, or an editor, that leads to exactly the
    // text (or person) that was judged. Null when there is none (the page really changed).
    function relocate(action, judged) {
      const ready = (a) => {
        const node = a.control || a.editor;
        if (!node || !node.isConnected) return false;
        if (a.kind === "post" && a.scope && a.scope !== doc && !a.scope.isConnected) return false;
        return true;
      };
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

    async function judge(action) {
      if (action.kind === "contact") {
        const contact = adapter.readContact(action);
        if (!contact.name) return { go: true };
        const answer = await send({
          type: "check-contact",
          payload: { ...contact, site: adapter.site },
        });
        return decide(answer, null, []);
      }
      const post = postOf(action);
      const checked = photos && action.scope ? await photos.attachmentsFor(action.scope) : [];
      // What the image checks found replaces the bare previews the adapter sees.
      if (checked.length) post.attachments = checked;
      if (!post.text.trim() && !post.attachments.length) return { go: true };
      const answer = await send({
        type: "check-post",
        payload: {
          text: post.text,
          site: adapter.site,
          context: action.context,
          attachments: post.attachments,
        },
        identity: adapter.identity(doc, action.scope),
      });
      const outcome = await decide(answer, post.text, post.editors);
      if (outcome.go && action.step === "first" && action.scope) {
        judgedAtFirstStep.set(action.scope, post.text);
      } else if (outcome.go && checked.length && action.step !== "first") {
        photos.forget(action.scope);
      }
      return outcome;
    }

    async function decide(answer, text, editors) {
      await pg.useLanguageOf(doc, send);
      if (!answer || !answer.ok) {
        const policy = (answer && answer.policy) || { failMode: "open", tipsOnly: false };
        const message = problemMessage(answer || {});
        if (policy.failMode === "closed" && !policy.tipsOnly) {
          await pg.ui.showVerdict(doc, { problem: `${message} ${t("noticeHeldBack")}` });
          focusEditor(editors);
          return { go: false };
        }
        pg.ui.showNotice(doc, `${message} ${t("noticeNotChecked")}`);
        return { go: true };
      }
      const { verdict, policy } = answer;
      const shown = verdict.findings.filter((f) => f.severity !== "info");
      // Names unchecked (no roster on this computer): say so once per page, never silently.
      const unchecked = verdict.findings.some((f) => f.rule === "roster-unavailable");
      if (unchecked && !noRosterShown) {
        noRosterShown = true;
        pg.ui.showNotice(doc, t("noticeNoRoster"));
      }
      if (verdict.verdict === "allow" && !shown.length) {
        if (verdict.stale && !unchecked) pg.ui.showNotice(doc, t("noticeStale"));
        return { go: true };
      }
      const choice = await pg.ui.showVerdict(doc, {
        text,
        verdict,
        tipsOnly: policy.tipsOnly,
        allowPost: policy.tipsOnly || verdict.verdict !== "block",
      });
      if (choice.choice === "post") return { go: true, reason: choice.reason };
      focusEditor(editors);
      return { go: false };
    }

    function focusEditor(editors) {
      const first = editors && editors.find((e) => e.isConnected);
      if (first) first.focus();
    }

    async function run(action, key) {
      pending.add(key);
      let outcome;
      let judged;
      try {
        // Judge until what would go out is what was judged: text typed while the companion was
        // thinking is checked too (a few rounds at most; someone typing that fast gets a notice).
        for (let round = 0; round < 3; round += 1) {
          judged = judgedOf(action);
          outcome = await judge(action);
          const now = relocate(action, judged);
          if (!outcome.go || (now && judgedOf(now) === judged)) break;
          if (!now) break;
          action = { ...now, keyEvent: action.keyEvent };
        }
      } catch (error) {
        // The extension itself failed (e.g. it was updated under the page): same as unreachable.
        outcome = await decide({ ok: false, problem: "unreachable", detail: String(error) }, null, []);
      } finally {
        pending.delete(key);
      }
      if (!outcome.go) return;
      const target = relocate(action, judged);
      if (target && judgedOf(target) === judged) activate(target);
      else pg.ui.showNotice(doc, t("noticeResend"));
    }

    function stop(event) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }

    // Only a person's own input is acted on. A page script can build a fake composer and call
    // .click() or dispatchEvent() (isTrusted === false) to use the companion as an oracle for
    // who is on the roster; such events are neither checked nor stopped. Our own re-sends carry
    // the one-shot bypass and are let through above this check.
    function onClick(event) {
      if (!isPersonsInput(event)) return;
      const target = realTarget(event);
      if (!target || !target.closest) return;
      const action = adapter.fromClick(target) || (net && net.fromClick(target));
      if (!action || bypass.has(action.control)) return;
      if (isDisabled(action.control)) return;
      stop(event);
      if (pending.has(action.control)) return;
      run(action, action.control);
    }

    // Enter or Space on a focused send/follow button: sites built on React Native Web call the
    // press handler straight from the key, with no click event to catch.
    function buttonKey(event, target) {
      if (event.key !== "Enter" && event.key !== " ") return null;
      if (event.ctrlKey || event.metaKey || event.altKey || !target?.closest) return null;
      const action = adapter.fromClick(target);
      return action && !isDisabled(action.control) ? action : null;
    }

    function onKey(event) {
      if (bypass.has(event)) return;
      if (!isPersonsInput(event)) return;
      const target = realTarget(event);
      const pressed = buttonKey(event, target);
      if (pressed) {
        stop(event);
        if (!pending.has(pressed.control)) run(pressed, pressed.control);
        return;
      }
      const probe = keyProbe(event, target);
      const action = adapter.fromKey(probe) || (net && net.fromKey(probe));
      if (!action) return;
      stop(event);
      if (pending.has(action.editor)) return;
      action.keyEvent = event;
      run(action, action.editor);
    }

    doc.addEventListener("click", onClick, true);
    doc.addEventListener("keydown", onKey, true);
    return () => {
      doc.removeEventListener("click", onClick, true);
      doc.removeEventListener("keydown", onKey, true);
      if (photos) photos.stop();
    };
  }

  pg.intercept = { install };
})(globalThis);
