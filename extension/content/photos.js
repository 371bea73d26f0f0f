// Photos are checked as soon as they are attached, not at submit: images chosen in a file picker,
// pasted into a text box or dropped onto a composer (content/arrivals.js says which events bring
// which files) are read here, turned upright and scaled down (at most 1,600 px), and sent through
// the background to the companion alone. By the time the person presses Post the verdict is
// ready, and the submit's check includes what it found. The site's own preview, paste and drop
// handling are never touched: the files are only read.
//
// An animation (a GIF, an animated PNG or WebP) is the exception: the browser draws only its first
// frame onto a canvas, and the sites play every frame, so a pupil in any frame but the first was
// never looked at (found in review). Its own bytes go to the companion, which looks at its
// frames and says how many it could not.
(function (root) {
  const pg = root.Postguard;
  const LONGEST = 1600;
  const MAX_FILE = 40 * 1024 * 1024; // larger files are reported as not checked
  const MAX_ANIMATION = 10 * 1024 * 1024; // what the companion takes as it is (its image limit)
  const HEAD = 64 * 1024; // where an animated PNG's acTL chunk is: before its first image data

  // Whether `bytes` (the file's first bytes) may be an animation: every GIF (an animated one
  // and a still one are told apart only by reading all its blocks), a PNG with an acTL chunk
  // before its image data (APNG), a WebP whose VP8X header has the animation flag.
  function mayBeAnimated(bytes) {
    const text = (from, length) => String.fromCharCode(...bytes.subarray(from, from + length));
    if (text(0, 4) === "GIF8") return true;
    if (text(0, 4) === "RIFF" && text(8, 4) === "WEBP") {
      return text(12, 4) === "VP8X" && bytes.length > 20 && (bytes[20] & 0x02) !== 0;
    }
    if (bytes.length < 8 || text(1, 3) !== "PNG") return false;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 8; at + 8 <= bytes.length; ) {
      const kind = text(at + 4, 4);
      if (kind === "acTL") return true;
      if (kind === "IDAT" || kind === "IEND") return false;
      at += 12 + view.getUint32(at);
    }
    // An acTL beyond the first 64 KB (after a large colour profile or text): looked at as an
    // animation, which costs only the downscaling.
    return bytes.length >= HEAD;
  }

  // An AVIF image sequence (brand "avis" in its ftyp box): browsers play it, a canvas gets its
  // first frame, and the companion does not read AVIF, so it is reported as not checked
  // (found in review).
  function isAvifSequence(bytes) {
    if (bytes.length < 16 || String.fromCharCode(...bytes.subarray(4, 8)) !== "ftyp") return false;
    const size = Math.min(bytes.length, new DataView(bytes.buffer, bytes.byteOffset).getUint32(0));
    for (let at = 8; at + 4 <= size; at += 4) {
      if (at === 12) continue; // the minor version, not a brand
      if (String.fromCharCode(...bytes.subarray(at, at + 4)) === "avis") return true;
    }
    return false;
  }

  async function downscaled(file) {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const scale = Math.min(1, LONGEST / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext("2d");
    // A JPEG has no transparency: without a page under it, a transparent background turns black
    // and black writing on it is lost (the sites show it on white).
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    return canvas.convertToBlob({ type: "image/jpeg", quality: 0.88 });
  }

  // A blob's bytes as base64, encoded by the browser. Not through a typed array: in Firefox the
  // content script's views of a buffer that came from the page cannot be sliced ("Permission
  // denied to access property 'constructor'"), and every photo was reported as not checked
  // (found in review); a string belongs to nobody.
  function base64Of(blob) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => {
        const url = String(reader.result);
        resolve(url.slice(url.indexOf(",") + 1));
      };
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  }

  // A file's first bytes, in an array of the content script's own.
  async function headOf(file) {
    const binary = atob(await base64Of(file.slice(0, HEAD)));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  }

  const answered = (answer) => Boolean(answer && answer.ok && answer.verdict && answer.verdict.image);
  const wordsUnread = (answer) =>
    answered(answer) && Array.isArray(answer.verdict.image.not_checked) && answer.verdict.image.not_checked.includes("words");

  // `send` reaches the background. Returns a function giving, for a submit's scope, the
  // attachments to report (awaiting checks still running).
  function watch(doc, adapter, send, { isPersonsInput = pg.events.isPersonsInput } = {}) {
    // { scope, done: Promise<attachment>, seen, sent, dialog }: `seen` once its composer showed a
    // preview, `sent` once a post went out with it, `dialog` whether it was attached in one.
    const checks = [];

    async function checkOne(file) {
      if (!pg.arrivals.isImage(file)) return null;
      if (file.size > MAX_FILE) return { kind: "image", unchecked: true };
      try {
        let data;
        const head = await headOf(file);
        if (isAvifSequence(head)) return { kind: "image", unchecked: true };
        if (mayBeAnimated(head)) {
          if (file.size > MAX_ANIMATION) return { kind: "image", unchecked: true };
          data = await base64Of(file);
        } else {
          data = await base64Of(await downscaled(file));
        }
        const ask = () => send({ type: "check-image", data, site: adapter.site });
        let answer = await ask();
        if (wordsUnread(answer)) {
          // The words were not read in time, as when the reader was still loading after a
          // quiet spell: asked once more, so the person is not warned for that alone. The
          // second answer stands, unless the companion has gone meanwhile.
          const again = await ask().catch(() => null);
          if (answered(again)) answer = again;
        }
        if (answered(answer)) {
          // What the check found goes back with the post: faces, the school's crest, and the
          // words read in the image (judged again with the post's own text).
          // And which parts of the check could not be done (no face detector on this computer,
          // words not read in time): the post is judged knowing it, never as if looked at.
          const { faces, children, logo, text, not_checked: notChecked } = answer.verdict.image;
          const found = { kind: "image", faces };
          if (Number.isInteger(children)) found.children = children;
          if (typeof logo === "boolean") found.logo = logo;
          if (typeof text === "string" && text) found.text = text;
          if (Array.isArray(notChecked) && notChecked.length) found.notChecked = notChecked;
          return found;
        }
      } catch {
        // An image the browser cannot decode, or the companion gone: say so at submit.
      }
      return { kind: "image", unchecked: true };
    }

    // A submit from `scope` reports the checked images attached inside it, or attached around it
    // (page-wide, where a site keeps its file input outside the composer).
    const holds = (place, node) => place === node || Boolean(place.contains && place.contains(node));
    const belongs = (c, scope) => holds(c.scope, scope) || holds(scope, c.scope);

    // A photo taken out of the composer before Post does not go with the post, so it must not
    // count in its verdict: on a school account a child's face is a block, and the person who
    // removed that photo could not post at all. The only sign of a removal is the site's preview
    // going, so a photo is dropped only once its composer has shown a preview and shows none:
    // a preview never seen (a site that shows none, a selector out of date) keeps the photo
    // counted, and so does taking one of several out (which one went cannot be told).
    const previews = (place) => (adapter.previewCount ? adapter.previewCount(place) : 0);
    const onPage = (place) => (place.nodeType === 11 && place.host ? place.host.isConnected : place.isConnected !== false);
    function look(check) {
      if (!check.seen && onPage(check.scope) && previews(check.scope) > 0) check.seen = true;
    }
    // Judged only while the composer is on the page: one the site took away may come back built
    // afresh, with the same photos (below). A photo that went with a post is gone with its
    // composer too.
    const removed = (check) => check.seen && onPage(check.scope) && previews(check.scope) === 0;
    function dropRemoved() {
      for (let i = checks.length - 1; i >= 0; i -= 1) {
        look(checks[i]);
        if (removed(checks[i]) || (checks[i].sent && !onPage(checks[i].scope))) checks.splice(i, 1);
      }
    }
    // At a submit, previews gone may be the site redrawing its composer at that moment: they
    // are looked at again a little later before any photo is dropped. Not for a photo that went
    // with a post (its composer emptied): the next post is not kept waiting for it.
    const REDRAW_MS = 200;
    const mayBeRedrawing = (check) => !check.sent && removed(check);

    // A composer the site builds afresh (X re-mounts its composer, keeping its text and photos)
    // leaves the photos checked in the old one without a place. A submit whose composer previews
    // more photos than it has checks takes as many of them, the latest first, from a composer of
    // its kind (a dialog's from a dialog): a photo from a reply dialog the person discarded is
    // not counted in the page's own composer.
    const inDialog = (place) => Boolean(place.closest && place.closest("[role='dialog']"));
    function adoptOrphans(scope) {
      const own = checks.filter((c) => onPage(c.scope) && belongs(c, scope)).length;
      const wanted = previews(scope) - own;
      if (wanted <= 0) return;
      const dialog = inDialog(scope);
      const orphans = checks.filter((c) => !onPage(c.scope) && !c.sent && c.dialog === dialog);
      for (const check of orphans.slice(-wanted)) check.scope = scope;
    }

    // When the preview shows: as the check ends (the site shows it within moments of the file
    // arriving), and a little later for a slow one.
    const LOOKS = [1000, 3000];

    // Only the person's own paste, drop or choice of files counts (content/events.js says why).
    const stop = pg.arrivals.listen(
      doc,
      (arrivedIn, files) => {
        // Before the site previews the new files: a photo removed earlier is gone for good, even
        // if the composer shows a preview again (of the new one).
        dropRemoved();
        // The whole composer, where the site shows its previews (a paste lands in the text box).
        const scope = adapter.composerAround ? adapter.composerAround(arrivedIn) : arrivedIn;
        for (const file of files) {
          const check = { scope, done: checkOne(file), seen: false, sent: false, dialog: inDialog(scope) };
          checks.push(check);
          check.done.then(() => look(check));
          for (const ms of LOOKS) setTimeout(() => look(check), ms);
        }
      },
      { isPersonsInput },
    );

    // A composer showing more photos than were checked for it holds one that arrived some way
    // not seen here (a page's own script, a restored draft): reported as not checked, never
    // passed as looked at.
    async function attachmentsFor(scope) {
      if (checks.some(mayBeRedrawing)) await new Promise((resolve) => setTimeout(resolve, REDRAW_MS));
      dropRemoved();
      adoptOrphans(scope);
      const mine = checks.filter((c) => belongs(c, scope));
      const found = (await Promise.all(mine.map((c) => c.done))).filter(Boolean);
      const unseen = Math.max(0, previews(scope) - mine.length);
      for (let i = 0; i < unseen; i += 1) found.push({ kind: "image", unchecked: true });
      return found;
    }

    // After a post from `scope` goes out, its photos went with it. One whose preview was seen
    // stays until the preview goes (the site empties its composer once the post is really out;
    // a send that failed leaves the photo there, to be judged again at the next Post); one never
    // seen is forgotten now.
    function forget(scope) {
      for (let i = checks.length - 1; i >= 0; i -= 1) {
        const check = checks[i];
        if (!belongs(check, scope)) continue;
        look(check);
        if (check.seen) check.sent = true;
        else checks.splice(i, 1);
      }
    }

    // Whether the person attached photos to the composer holding `node` (a send control or a
    // text box), answered at once: the safety net stops a send with no words but a photo. Not a
    // link elsewhere in the same dialog (a "Reply" under another comment).
    const has = (node) => checks.some((c) => !c.sent && holds(c.scope, node));

    return { attachmentsFor, forget, has, stop };
  }

  pg.photos = { watch, mayBeAnimated, isAvifSequence };
})(globalThis);
