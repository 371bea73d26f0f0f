// The options page: port, pairing, status and "try a sentence". It asks the background for
// everything; it never talks to the companion itself.
import "../common/constants.js";

const api = globalThis.browser ?? globalThis.chrome;
const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
const $ = (id) => document.getElementById(id);

function localise() {
  for (const node of document.querySelectorAll("[data-i18n]")) {
    const text = t(node.dataset.i18n);
    if (text) node.textContent = text;
  }
  document.documentElement.lang = api.i18n.getUILanguage();
}

function problemText(answer) {
  if (answer.problem === "bad-input" && answer.detail === "port") return t("optionsBadPort");
  const notices = globalThis.PostguardShared.problemNotices;
  const key = notices[answer.problem] || notices.unreachable;
  return answer.problem === "refused" || answer.problem === "bad-input"
    ? `${answer.detail || answer.problem}`
    : t(key);
}

function item(text, cls) {
  const li = document.createElement("li");
  li.textContent = text;
  if (cls) li.className = cls;
  return li;
}

async function refresh() {
  const status = await api.runtime.sendMessage({ type: "status" });
  const list = $("status");
  const port = $("port");
  port.value = status.policy.companionPort;
  const managedPort = status.policy.managedKeys.includes("companionPort");
  port.disabled = managedPort;
  $("save-port").disabled = managedPort;
  $("port-managed").hidden = !managedPort;

  const lines = [
    item(status.reachable ? t("statusReachable") : t("statusUnreachable"), status.reachable ? "" : "error"),
    item(status.paired ? t("statusPaired") : t("statusUnpaired"), status.paired ? "" : "error"),
  ];
  if (status.paired && status.reachable) {
    lines.push(item(status.proven ? t("statusProven") : t("statusUnproven"), status.proven ? "" : "error"));
  }
  const roster = status.roster;
  if (roster && roster.loaded) {
    lines.push(item(t("statusRoster", [roster.version || "?", String(roster.people ?? 0)])));
    lines.push(item(roster.stale ? t("statusStale") : t("statusFresh"), roster.stale ? "error" : ""));
  } else if (status.reachable) {
    lines.push(item(t("statusNoRoster"), "error"));
  }
  if (status.degraded) lines.push(item(t("statusDegraded", [status.degraded]), "error"));
  const mode = status.policy.tipsOnly ? t("modeTips") : t("modeEnforce");
  const fail = status.policy.failMode === "closed" ? t("modeFailClosed") : t("modeFailOpen");
  lines.push(item(t("statusMode", [`${mode}; ${fail}`])));
  for (const tab of status.surfaces || []) {
    const names = tab.names.length ? tab.names.join(", ") : t("statusNoSurfaces");
    lines.push(item(t("statusSurfaces", [tab.host, names]), tab.names.length ? "" : "error"));
  }
  const last = status.last && status.last.lastCheck;
  if (last && last.verdict) lines.push(item(t("statusLast", [last.verdict, String(last.ms)])));
  list.replaceChildren(...lines);
}

function renderVerdict(text, verdict) {
  const box = $("try-result");
  box.replaceChildren();
  const head = document.createElement("p");
  head.dataset.verdict = verdict.verdict;
  head.textContent = verdict.findings.length ? verdict.verdict : t("optionsTryAllow");
  box.append(head);
  for (const f of verdict.findings) {
    const p = document.createElement("p");
    const mark = document.createElement("mark");
    mark.className = f.severity;
    mark.textContent = text.slice(f.start, f.end) || f.text;
    p.append(`${f.message} (${f.rule}): `, mark);
    const quote = document.createElement("blockquote");
    quote.textContent = `“${f.policy}”`;
    box.append(p, quote);
  }
}

$("port-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await api.runtime.sendMessage({ type: "save-port", port: Number($("port").value) });
  if (!answer.ok) $("pair-result").textContent = problemText(answer);
  await refresh();
});

$("pair-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const result = $("pair-result");
  result.className = "";
  result.textContent = "…";
  // An empty port field (the page is still reading its settings: Chromium holds IT's managed
  // settings back for a few seconds after it starts, or the person cleared it) keeps the port in
  // force; it is not port 0.
  const typed = $("port").value.trim();
  const answer = await api.runtime.sendMessage({
    type: "pair",
    code: $("code").value,
    port: typed === "" ? undefined : Number(typed),
  });
  if (answer.ok) {
    result.textContent = t("optionsPaired");
    $("code").value = "";
  } else {
    result.className = "error";
    result.textContent = problemText(answer);
  }
  await refresh();
});

$("try-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("try-text").value;
  const answer = await api.runtime.sendMessage({ type: "try", text });
  if (answer.ok) renderVerdict(text, answer.verdict);
  else $("try-result").textContent = problemText(answer);
  await refresh();
});

$("refresh").addEventListener("click", refresh);
localise();
refresh();
