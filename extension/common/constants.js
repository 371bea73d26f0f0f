// What the extension's parts must agree on, written once. Content scripts load this file as a
// classic script (first in the manifest's list), the background and the options page import it
// as a module; either way it only defines one frozen object on the global, so it works in both.
(function (root) {
  const freeze = (value) => {
    for (const inner of Object.values(value)) {
      if (inner && typeof inner === "object" && !Object.isFrozen(inner)) freeze(inner);
    }
    return Object.freeze(value);
  };

  root.PostguardShared = freeze({
    // What the companion's /v1/check/* accept (the server's contract says the same).
    sites: ["x", "facebook"],
    contexts: ["post", "comment", "reply", "dm"],
    contactActions: ["accept", "add", "follow"],
    verdicts: ["allow", "warn", "block"],
    // The parts of an image's check (faces, words, the school's crest) a verdict may say could
    // not be done; sent back with the post.
    photoParts: ["faces", "words", "crest"],
    severities: ["info", "warn", "block"],
    // Why a check could not be done, and the notice each one shows (in _locales). Anything not
    // listed here reads as "unreachable".
    problemNotices: {
      unpaired: "noticeUnpaired",
      unproven: "noticeUnproven",
      timeout: "noticeTimeout",
      unreachable: "noticeUnreachable",
    },
    // The companion listens on 127.0.0.1; a port below 1024 would need root.
    port: { min: 1024, max: 65535, default: 8765 },
    timeoutMs: { min: 100, max: 30000, default: 1500 },
    // What the background passes on from a page, at most.
    limits: {
      attachments: 20,
      attachmentName: 200,
      altText: 1000,
      imageBase64: 14 * 1024 * 1024, // a 10 MB image, as base64
      surfaces: 12,
      surfaceName: 40,
      hintText: 5000,
      imageText: 2000, // the words an image's check read in it (the companion's limit too)
      identity: 200, // who a post goes out as: a handle or a Facebook Page's name
    },
    // Hints while typing: a check after this long without typing, never more often than every
    // `minIntervalMs`, and a rest after the companion says "too many requests".
    hints: { quietMs: 900, minIntervalMs: 2500, backOffMs: 30000 },
  });
})(globalThis);
