// Turning the background's answer into go / no-go: the fail mode when the companion could not
// judge, tips-only mode, and the person's choice in the verdict dialog.
(function (root) {
  const pg = root.Postguard;
  const shared = root.PostguardShared;
  const t = (key, subs) => pg.t(key, subs);

  function problemMessage(answer) {
    return t(shared.problemNotices[answer.problem] || shared.problemNotices.unreachable);
  }

  function focusEditor(editors) {
    const first = editors && editors.find((e) => e.isConnected);
    if (first) first.focus();
  }

  // One per page: what this page has been told once already.
  function forPage(doc, send) {
    let noRosterShown = false;

    // Resolves with {go: true, reason?} or {go: false}. `text` and `editors` are null for a
    // contact (a friend request has no text to show or editor to go back to).
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

    return { decide, problemMessage };
  }

  pg.decide = { forPage, problemMessage };
})(globalThis);
