// The languages whose UI strings the extension carries, and which one a page gets: its own when
// we carry it, English otherwise (a right-to-left page we do not carry gets English, left to
// right). The content script asks with the page's primary language subtag.
export const CARRIED = Object.freeze(["en", "cy", "pl", "ur", "ro", "pa"]);

export function shownFor(lang) {
  const primary = String(lang || "").split(/[-_]/)[0].toLowerCase();
  return CARRIED.includes(primary) ? primary : "en";
}
