// The verdict dialog and the companion notice. Both live in a closed-off shadow root on a host
// element at the end of <html> (see makeHost), never inside the site's editor: React editors break
// when anything else edits their DOM, and the site's CSS cannot reach into a shadow root.
(function (root) {
  const pg = root.Postguard;
  const t = (key, subs) => pg.t(key, subs);

  const STYLE = `
    :host { all: initial; }
    .backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.45); z-index: 2147483646;
      display: flex; align-items: center; justify-content: center; font: 15px/1.45 system-ui, sans-serif; }
    .dialog { background: #fff; color: #111; max-width: 34rem; width: calc(100% - 2rem);
      max-height: calc(100% - 2rem); overflow: auto; border-radius: 12px; padding: 1.25rem 1.5rem;
      box-shadow: 0 10px 40px rgba(0,0,0,.35); }
    h2 { font-size: 1.15rem; margin: 0 0 .75rem; }
    .preview { white-space: pre-wrap; word-break: break-word; background: #f4f4f6; border-radius: 8px;
      padding: .6rem .8rem; margin: 0 0 .9rem; max-height: 10rem; overflow: auto; }
    mark { border-radius: 3px; padding: 0 1px; color: inherit; }
    mark.block { background: #ffc9c9; outline: 2px solid #c92a2a; }
    mark.warn { background: #ffe8a3; outline: 2px solid #b7791f; }
    mark.info { background: #d0ebff; }
    ul { list-style: none; margin: 0 0 1rem; padding: 0; }
    li { border-inline-start: 4px solid #c92a2a; padding-block: .2rem; padding-inline: .7rem 0; margin: 0 0 .8rem; }
    li.warn { border-color: #b7791f; } li.info { border-color: #1c7ed6; }
    .rule { font-weight: 600; }
    .words { font-family: ui-monospace, monospace; }
    blockquote { margin: .35rem 0 0; font-style: italic; color: #333; }
    .note { color: #555; font-size: .9rem; margin: 0 0 .8rem; }
    label { display: block; font-size: .9rem; margin: 0 0 .25rem; }
    input { width: 100%; box-sizing: border-box; font: inherit; padding: .35rem .5rem; margin: 0 0 1rem; }
    .actions { display: flex; gap: .6rem; justify-content: flex-end; }
    button { font: inherit; padding: .45rem 1rem; border-radius: 8px; border: 1px solid #888;
      background: #fff; cursor: pointer; }
    button.primary { background: #1f4e8c; border-color: #1f4e8c; color: #fff; }
    button:focus-visible, input:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    .toast { position: fixed; inset-inline-end: 1rem; bottom: 1rem; z-index: 2147483647; max-width: 26rem;
      background: #222; color: #fff; border-radius: 10px; padding: .8rem 1rem; font: 14px/1.4 system-ui, sans-serif;
      box-shadow: 0 6px 24px rgba(0,0,0,.3); }
  `;

  function el(doc, tag, attrs = {}, text) {
    const node = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The strings' own language and direction (Urdu reads right to left), so the layout and screen
  // readers follow the text rather than the page around it.
  function langAttrs() {
    const lang = pg.strings.shownLanguage();
    return { lang, dir: pg.strings.direction(lang) };
  }

  // Every host is a <div>, a built-in element: a page may define what a custom element's name
  // means before we create one, and through attachInternals() get even a closed shadow root.
  // Its inline !important styles outrank any page stylesheet: `all` resets every property a page
  // could use to hide it (filter, clip-path, transform…) or to make it the containing block of
  // the fixed-position boxes inside, whose extent (an underlined name, or none) the page could
  // then read from the host's scroll size. The host itself is an empty box at the corner.
  const HOST_STYLE = [
    ["all", "initial"],
    ["display", "block"],
    ["position", "fixed"],
    ["inset", "0 auto auto 0"],
    ["width", "0"],
    ["height", "0"],
    ["overflow", "visible"],
    ["visibility", "visible"],
    ["opacity", "1"],
    ["z-index", "2147483647"],
  ];
  const hosts = new WeakSet();
  const keyHandlers = new WeakMap(); // host -> its dialog's keydown handler (see sealEvents)

  function makeHost(doc, name) {
    const host = el(doc, "div", { "data-postguard": name, ...langAttrs() });
    // Closed: page scripts get no shadowRoot handle, so they can neither read a verdict nor press
    // its buttons.
    const shadow = host.attachShadow({ mode: "closed" });
    for (const [property, value] of HOST_STYLE) host.style.setProperty(property, value, "important");
    shadow.append(el(doc, "style", {}, STYLE));
    hosts.add(host);
    doc.documentElement.append(host);
    return { host, shadow };
  }

  // What the person types into our dialog (a reason, which key they press) is theirs: key, input,
  // composition and clipboard events cross a shadow root's edge (retargeted to its host), so a
  // page's listener would see them. A listener on the window, capturing, runs before anything
  // else may see an event; added before any page script runs (content/main.js, document_start),
  // it is the first on the window too. Events from our hosts stop there; their default actions
  // (the letter typed into our input) still happen, and the dialog's own key handling is called
  // from here, since the event no longer reaches it.
  const SEALED_EVENTS = [
    "keydown", "keyup", "keypress", "beforeinput", "input", "textInput",
    "compositionstart", "compositionupdate", "compositionend", "paste", "copy", "cut",
  ];

  function sealEvents(win) {
    for (const type of SEALED_EVENTS) {
      win.addEventListener(
        type,
        (event) => {
          if (!hosts.has(event.target)) return;
          event.stopImmediatePropagation();
          // Only the person's keys: a page's scripted Escape must not close the dialog.
          if (type === "keydown" && event.isTrusted) keyHandlers.get(event.target)?.(event);
        },
        true,
      );
    }
  }

  function preview(doc, text, findings) {
    const box = el(doc, "div", { class: "preview", "aria-label": t("dialogYourText") });
    for (const piece of pg.spans.segments(text, findings)) {
      if (!piece.severity) {
        box.append(doc.createTextNode(piece.text));
        continue;
      }
      const mark = el(doc, "mark", { class: piece.severity }, piece.text);
      mark.append(el(doc, "span", { class: "sr" }, ` (${t("dialogFlagged")})`));
      box.append(mark);
    }
    return box;
  }

  function findingList(doc, findings) {
    const list = el(doc, "ul", { "aria-label": t("dialogFindings") });
    for (const f of findings) {
      const item = el(doc, "li", { class: f.severity, "data-rule": f.rule });
      item.append(el(doc, "div", { class: "rule" }, f.message || f.rule));
      const meta = el(doc, "div", {});
      meta.append(
        doc.createTextNode(`${t("dialogRule")}: ${f.rule}`),
        ...(f.text ? [doc.createTextNode(" · "), el(doc, "span", { class: "words" }, `“${f.text}”`)] : []),
      );
      item.append(meta);
      if (f.policy) {
        const quote = el(doc, "blockquote", { "aria-label": t("dialogPolicyClause") }, `“${f.policy}”`);
        item.append(quote);
      }
      list.append(item);
    }
    return list;
  }

  // Tab and Shift+Tab cycle inside the dialog; Escape means Edit. Called by sealEvents.
  function trapFocus(host, shadow, dialog, onEscape) {
    keyHandlers.set(host, (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        onEscape();
        return;
      }
      if (event.key !== "Tab") return;
      const focusable = [...dialog.querySelectorAll("button, input")].filter((n) => !n.disabled);
      if (!focusable.length) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      const active = shadow.activeElement;
      if (event.shiftKey && (active === first || !dialog.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    });
  }

  // Shows a verdict (or a companion failure when `problem` is set) and resolves with
  // {choice: "edit"} or {choice: "post", reason}. `allowPost` decides whether "Post anyway"
  // exists at all: warnings and tips-only mode, never blocks.
  // `hint`: the findings of a hint while typing (content/hints.js): nothing was sent, so the only
  // answer is to go back and edit.
  function showVerdict(doc, { text, verdict, allowPost, tipsOnly, problem, hint }) {
    const { host, shadow } = makeHost(doc, "dialog");
    const findings = verdict ? verdict.findings || [] : [];
    const kind = problem ? "problem" : hint ? "hint" : tipsOnly ? "tips" : verdict.verdict;
    const titleKey = {
      block: "dialogTitleBlock",
      warn: "dialogTitleWarn",
      tips: "dialogTitleTips",
      problem: "dialogTitleProblem",
      allow: "dialogTitleTips",
      hint: "dialogTitleHint",
    }[kind];

    const backdrop = el(doc, "div", { class: "backdrop", ...langAttrs() });
    const dialog = el(doc, "div", {
      class: "dialog",
      role: kind === "block" || kind === "problem" ? "alertdialog" : "dialog",
      "aria-modal": "true",
      "aria-labelledby": "pg-title",
      "aria-describedby": "pg-desc",
      "data-verdict": kind,
    });
    dialog.append(el(doc, "h2", { id: "pg-title" }, t(titleKey)));
    const desc = el(doc, "p", { id: "pg-desc", class: "note" });
    desc.textContent = problem ? problem : t(`dialogExplain_${kind}`);
    dialog.append(desc);
    if (verdict && verdict.stale) dialog.append(el(doc, "p", { class: "note" }, t("dialogStale")));
    if (findings.length) {
      if (text) dialog.append(preview(doc, text, findings));
      dialog.append(findingList(doc, findings));
    }

    let reasonInput = null;
    if (allowPost) {
      const reasonId = "pg-reason";
      dialog.append(el(doc, "label", { for: reasonId }, t("dialogReasonLabel")));
      reasonInput = el(doc, "input", { id: reasonId, type: "text", list: "pg-reasons", autocomplete: "off" });
      const options = el(doc, "datalist", { id: "pg-reasons" });
      // A photo's finding asks whether a pupil is in it: its plainest answer comes first.
      const aboutPhoto = findings.some((f) => f.source === "attachment");
      const reasons = ["reasonNotAPupil", "reasonMyOwnChild", "reasonPermission"];
      for (const key of aboutPhoto ? ["reasonNoPupilsInPhoto", ...reasons] : reasons) {
        options.append(el(doc, "option", { value: t(key) }));
      }
      dialog.append(reasonInput, options);
    }

    const actions = el(doc, "div", { class: "actions" });
    const edit = el(doc, "button", { type: "button", class: "primary", "data-action": "edit" }, t("dialogEdit"));
    actions.append(edit);
    let post = null;
    if (allowPost) {
      post = el(doc, "button", { type: "button", "data-action": "post" }, t("dialogPostAnyway"));
      actions.append(post);
    }
    dialog.append(actions);
    backdrop.append(dialog);
    shadow.append(backdrop);

    return new Promise((resolve) => {
      const close = (result) => {
        host.remove();
        resolve(result);
      };
      edit.addEventListener("click", () => close({ choice: "edit" }));
      if (post) {
        // Only a person may choose to post: a scripted click is ignored.
        post.addEventListener("click", (event) => {
          if (!event.isTrusted) return;
          close({ choice: "post", reason: reasonInput ? reasonInput.value.trim() : "" });
        });
      }
      trapFocus(host, shadow, dialog, () => close({ choice: "edit" }));
      edit.focus();
    });
  }

  // A short notice that does not stop anything (e.g. "not checked: companion unreachable").
  function showNotice(doc, message, ms = 6000) {
    const { host, shadow } = makeHost(doc, "notice");
    const toast = el(doc, "div", { class: "toast", role: "status", "aria-live": "polite", ...langAttrs() }, message);
    shadow.append(toast);
    setTimeout(() => host.remove(), ms);
    return host;
  }

  pg.ui = { showVerdict, showNotice, makeHost, sealEvents, el };
})(globalThis);
