// Hints while typing: after a pause in typing, what the person has written so far is checked
// and the findings are underlined in place (ui/hints.js), before any submit. Only the person's
// own typing starts a hint (a page script's input events do not), the same text is never asked
// about twice, and requests stay well inside the companion's rate limit: one at a time, after
// `quietMs` without typing, at most one per `minIntervalMs`, and a rest after "too many
// requests". IT turns hints off with the managed policy `hintsWhileTyping: false`; the
// background then refuses without asking the companion, and this page stops asking.
(function (root) {
  const pg = root.Postguard;
  const shared = root.PostguardShared;
  const { realTarget } = pg.events;
  const EDITING_HOST = "[contenteditable='true'], [contenteditable='']";

  // The element holding the text: a <textarea>, or the outermost contenteditable (the editing
  // host). Single-line <input>s (search boxes) are not composers.
  function editorFor(target) {
    if (!target || target.nodeType !== 1) return null;
    if (target.nodeName === "TEXTAREA") return target;
    let host = target.closest?.(EDITING_HOST);
    if (!host) return null;
    for (let up = host.parentElement?.closest(EDITING_HOST); up; up = up.parentElement?.closest(EDITING_HOST)) {
      host = up;
    }
    return host;
  }

  // `timers` and `now` are the browser's own except in unit tests, which drive the clock.
  function watch(doc, adapter, send, options = {}) {
    const {
      isPersonsInput = pg.events.isPersonsInput,
      quietMs = shared.hints.quietMs,
      minIntervalMs = shared.hints.minIntervalMs,
      backOffMs = shared.hints.backOffMs,
      now = () => Date.now(),
      timers = { set: (fn, ms) => root.setTimeout(fn, ms), clear: (id) => root.clearTimeout(id) },
    } = options;
    let off = false;
    let timer = null;
    let inFlight = false;
    let lastAskedAt = -Infinity;
    let restUntil = 0;
    let asked = { editor: null, text: null };
    const stats = { requests: 0 };
    const overlay = pg.hintsUi.create(doc, {
      onOpen: async ({ text, verdict }) => {
        await pg.useLanguageOf(doc, send);
        await pg.ui.showVerdict(doc, { text, verdict, hint: true, allowPost: false });
        if (overlay.editor && overlay.editor.isConnected) overlay.editor.focus();
      },
    });

    function schedule() {
      if (timer !== null) timers.clear(timer);
      const wait = Math.max(quietMs, lastAskedAt + minIntervalMs - now(), restUntil - now());
      timer = timers.set(fire, wait);
    }

    async function fire() {
      timer = null;
      const editor = overlay.editor;
      if (off || !editor || !editor.isConnected) return;
      if (inFlight) {
        schedule();
        return;
      }
      const text = pg.dom.editorText(editor);
      if (!text.trim() || text.length > shared.limits.hintText) {
        overlay.stale();
        return;
      }
      if (asked.editor === editor && asked.text === text) return;
      inFlight = true;
      lastAskedAt = now();
      asked = { editor, text };
      stats.requests += 1;
      let answer;
      try {
        answer = await send({
          type: "hint-post",
          payload: { text, site: adapter.site, context: adapter.contextOf ? adapter.contextOf(editor) : "post" },
          identity: adapter.identity(doc, editor.closest("[role='dialog']") || undefined),
        });
      } catch {
        answer = null; // the extension was reloaded under the page: hints simply stop showing
      } finally {
        inFlight = false;
      }
      if (!answer || !answer.ok) {
        asked = { editor: null, text: null };
        if (answer && answer.problem === "off") stop();
        else restUntil = now() + backOffMs;
        return;
      }
      // Typed on while the companion was thinking: this answer is about older text.
      if (overlay.editor !== editor || pg.dom.editorText(editor) !== text) {
        schedule();
        return;
      }
      await pg.useLanguageOf(doc, send);
      overlay.show(text, answer.verdict);
    }

    function onInput(event) {
      if (off || !isPersonsInput(event)) return;
      const editor = editorFor(realTarget(event));
      if (!editor) return;
      overlay.follow(editor);
      overlay.stale();
      schedule();
    }

    let frame = null;
    function onMove() {
      if (frame !== null || !overlay.text) return;
      frame = root.requestAnimationFrame(() => {
        frame = null;
        const editor = overlay.editor;
        // The site removed or emptied its editor (the post went out): nothing to hint about.
        const text = editor && editor.isConnected ? pg.dom.editorText(editor) : "";
        if (!text.trim()) overlay.hide();
        else if (text !== overlay.text) overlay.stale();
        else overlay.redraw();
      });
    }

    function stop() {
      off = true;
      if (timer !== null) timers.clear(timer);
      doc.removeEventListener("input", onInput, true);
      root.removeEventListener?.("scroll", onMove, true);
      root.removeEventListener?.("resize", onMove);
      overlay.remove();
    }

    doc.addEventListener("input", onInput, true);
    root.addEventListener?.("scroll", onMove, { capture: true, passive: true });
    root.addEventListener?.("resize", onMove, { passive: true });
    return {
      stop,
      // After a post went out or was edited from the dialog, its hints are old news.
      reset() {
        overlay.hide();
        asked = { editor: null, text: null };
      },
      stats,
    };
  }

  pg.hints = { watch, editorFor };
})(globalThis);
