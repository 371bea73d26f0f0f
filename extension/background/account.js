// Is the identity a post goes out as one of the school's own accounts?

function normal(name) {
  return name.normalize("NFKC").trim().replace(/^@/, "").replace(/\s+/gu, " ").toLocaleLowerCase();
}

export function accountFor(identity, schoolAccounts) {
  if (!identity || typeof identity !== "string") return "personal";
  const me = normal(identity);
  if (!me) return "personal";
  return schoolAccounts.some((a) => normal(a) === me) ? "school" : "personal";
}
