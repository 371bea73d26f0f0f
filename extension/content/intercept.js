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

  function isDisabled(control) {
    return control.getAttribute("aria-disabled") === "true" || control.disabled === true;
  }

  // `send(message)` delivers a message to the background and resolves with its answer.
  function install(doc, adapter, send) {
    const bypass = new WeakSet(); // controls (and replayed key events) allowed through once
    const pending = new WeakSet(); // controls or editors awaiting a verdict

    function activate(action) {
      const control = action.control || (adapter.submitButton && adapter.submitButton(action));
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
      const post = adapter.readPost(action);
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
      return decide(answer, post.text, post.editors);
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
      if (verdict.verdict === "allow" && !shown.length) {
        if (verdict.stale) pg.ui.showNotice(doc, t("noticeStale"));
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
      try {
        outcome = await judge(action);
      } catch (error) {
        // The extension itself failed (e.g. it was updated under the page): same as unreachable.
        outcome = await decide({ ok: false, problem: "unreachable", detail: String(error) }, null, []);
      } finally {
        pending.delete(key);
      }
      if (outcome.go) activate(action);
    }

    function stop(event) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }

    function onClick(event) {
      const target = event.target;
      if (!target || !target.closest) return;
      const action = adapter.fromClick(target);
      if (!action || bypass.has(action.control)) return;
      if (isDisabled(action.control)) return;
      stop(event);
      if (pending.has(action.control)) return;
      run(action, action.control);
    }

    // Enter or Space on a focused send/follow button: sites built on React Native Web call the
    // press handler straight from the key, with no click event to catch.
    function buttonKey(event) {
      if (event.key !== "Enter" && event.key !== " ") return null;
      if (event.ctrlKey || event.metaKey || event.altKey || !event.target?.closest) return null;
      const action = adapter.fromClick(event.target);
      return action && !isDisabled(action.control) ? action : null;
    }

    function onKey(event) {
      if (bypass.has(event)) return;
      const pressed = buttonKey(event);
      if (pressed) {
        stop(event);
        if (!pending.has(pressed.control)) run(pressed, pressed.control);
        return;
      }
      const action = adapter.fromKey(event);
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
    };
  }

  pg.intercept = { install };
})(globalThis);
