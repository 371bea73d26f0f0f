// Stops every way of sending a post or a friend/follow until the companion has judged it.
// Listeners are delegated, in the capture phase, on `document`: they run before the site's own
// handlers and survive the site re-rendering its composer. Finding what an event is about
// (content/events.js), deciding on the answer (content/decide.js) and sending what was stopped
// (content/resend.js) each live in their own file; this one ties them together.
(function (root) {
  const pg = root.Postguard;
  const t = (key, subs) => pg.t(key, subs);
  const { realTarget, keyProbe, isDisabled, seenByPerson } = pg.events;

  // `send(message)` delivers a message to the background and resolves with its answer.
  // `isPersonsInput(event)` says whether an event came from the person (the browser's isTrusted);
  // only unit tests, whose DOM cannot make trusted events, pass another.
  function install(doc, adapter, send, { isPersonsInput = pg.events.isPersonsInput } = {}) {
    const bypass = new WeakSet(); // controls (and replayed key events) allowed through once
    const pending = new WeakSet(); // controls or editors awaiting a verdict
    // Images chosen in a file picker, pasted or dropped are checked at once (content/photos.js).
    const photos = pg.photos ? pg.photos.watch(doc, adapter, send, { isPersonsInput }) : null;
    // Surfaces the adapter does not know yet are still checked (content/net.js); the adapter
    // decides first, and each action remembers which of the two found it.
    const hasPhotos = (node) => Boolean(photos) && photos.has(node);
    const net = pg.net ? pg.net.forSite(adapter, { hasPhotos }) : null;
    const sourceOf = (action) => action.source || adapter;
    // Findings shown while typing, before any submit (content/hints.js).
    const hints = pg.hints ? pg.hints.watch(doc, adapter, send, { isPersonsInput }) : null;
    // Two-step composers (Facebook's "Next" then "Post"/"Publish"/"Share to story"): the text
    // judged at the first step, kept for its dialog, since the editor leaves the DOM after it,
    // and what the person was asked about there ({ text, answered }).
    const judgedAtFirstStep = new WeakMap();
    // The findings a verdict would ask about, compared between a composer's two steps.
    const askedAbout = (answer) =>
      answer && answer.ok ? JSON.stringify(answer.verdict.findings.map((f) => [f.rule, f.severity, f.message])) : null;
    const { decide } = pg.decide.forPage(doc, send);

    function postOf(action) {
      if (action.step === "final") {
        const first = judgedAtFirstStep.get(action.scope);
        return { text: first ? first.text : "", attachments: [], editors: [] };
      }
      return sourceOf(action).readPost(action);
    }

    // What was judged, so that what goes out can be compared with it.
    function judgedOf(action) {
      if (action.kind === "contact") return `contact:${adapter.readContact(action).name}`;
      return `post:${postOf(action).text}`;
    }

    const { activate, relocate } = pg.resend.forPage(doc, adapter, { bypass, sourceOf, judgedOf });

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
      // What the image checks found replaces the bare previews the adapter sees. Where none was
      // checked, a preview of a file from this computer that the adapter sees (Facebook's blob:
      // images) came some way not seen here (a page's own script, a draft): not checked, and
      // said so. An adapter that counts its previews (X) has had photos.js say so already.
      if (checked.length) post.attachments = checked;
      else if (!adapter.previewCount && sourceOf(action) === adapter) {
        post.attachments = post.attachments.map((a) => ({ ...a, unchecked: true }));
      }
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
      // The final step is judged again (the post may now go out as a Page, under other rules),
      // but findings the person already answered at the first step are not asked twice: a warned
      // photo or sentence would otherwise need "Post anyway" at both steps.
      const first = action.step === "final" ? judgedAtFirstStep.get(action.scope) : null;
      const asked = askedAbout(answer);
      const answeredBefore = Boolean(first) && asked !== null && first.answered === asked;
      const outcome = answeredBefore ? { go: true } : await decide(answer, post.text, post.editors);
      if (outcome.go && action.step === "first" && action.scope) {
        judgedAtFirstStep.set(action.scope, { text: post.text, answered: asked });
      }
      return outcome;
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
      if (target && judgedOf(target) === judged) {
        activate(target);
        if (hints) hints.reset();
        // Its photos went with it. Forgotten only now: a round judged again (text typed while the
        // companion was thinking) or a post that could not be sent keeps them in its verdict.
        if (photos && action.kind === "post" && action.step !== "first") {
          for (const scope of new Set([action.scope, target.scope])) if (scope) photos.forget(scope);
        }
      } else pg.ui.showNotice(doc, t("noticeResend"));
    }

    function stop(event) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }

    // Only a person's own input is acted on (content/events.js says why). Our own re-sends carry
    // the one-shot bypass and are let through above this check.
    function onClick(event) {
      if (!isPersonsInput(event)) return;
      const target = realTarget(event);
      if (!target || !target.closest) return;
      const action = adapter.fromClick(target) || (net && net.fromClick(target));
      if (!action || bypass.has(action.control)) return;
      if (isDisabled(action.control) || !seenByPerson(action.control)) return;
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
      if (hints) hints.stop();
    };
  }

  pg.intercept = { install };
})(globalThis);
