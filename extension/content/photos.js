// Photos are checked as soon as they are attached, not at submit: the file picker's images are
// read here, turned upright and scaled down (at most 1,600 px), and sent through the background
// to the companion alone. By the time the person presses Post the verdict is ready, and the
// submit's check includes what it found. The site's own preview is never touched.
(function (root) {
  const pg = root.Postguard;
  const LONGEST = 1600;
  const MAX_FILE = 40 * 1024 * 1024; // larger files are reported as not checked

  // Where an attached image belongs: the composer around its file input.
  function scopeOf(input) {
    return input.closest("form, [role='dialog']") || input.getRootNode();
  }

  async function downscaled(file) {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const scale = Math.min(1, LONGEST / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext("2d").drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.88 });
    return new Uint8Array(await blob.arrayBuffer());
  }

  function base64(bytes) {
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  // `send` reaches the background. Returns a function giving, for a submit's scope, the
  // attachments to report (awaiting checks still running).
  function watch(doc, adapter, send, { isPersonsInput = (event) => event.isTrusted === true } = {}) {
    const checks = []; // { scope, done: Promise<attachment> }

    async function checkOne(file) {
      if (!file.type.startsWith("image/")) return null;
      if (file.size > MAX_FILE) return { kind: "image", unchecked: true };
      try {
        const data = base64(await downscaled(file));
        const answer = await send({ type: "check-image", data, site: adapter.site });
        if (answer && answer.ok && answer.verdict.image) {
          return { kind: "image", faces: answer.verdict.image.faces };
        }
      } catch {
        // An image the browser cannot decode, or the companion gone: say so at submit.
      }
      return { kind: "image", unchecked: true };
    }

    function onChange(event) {
      if (!isPersonsInput(event)) return;
      const input = event.composedPath ? event.composedPath()[0] : event.target;
      if (!input || input.nodeName !== "INPUT" || input.type !== "file" || !input.files) return;
      const scope = scopeOf(input);
      for (const file of input.files) {
        checks.push({ scope, done: checkOne(file) });
      }
    }
    doc.addEventListener("change", onChange, true);

    // The attachments a submit from `scope` reports: the checked images attached inside it (or
    // attached page-wide, where a site keeps its file input outside the composer).
    async function attachmentsFor(scope) {
      const mine = checks.filter(
        (c) => c.scope === scope || (c.scope.contains && c.scope.contains(scope)) || (scope.contains && scope.contains(c.scope)),
      );
      const found = await Promise.all(mine.map((c) => c.done));
      return found.filter(Boolean);
    }

    // After a post goes out its images are gone from the composer.
    function forget(scope) {
      for (let i = checks.length - 1; i >= 0; i -= 1) {
        const c = checks[i];
        if (c.scope === scope || (c.scope.contains && c.scope.contains(scope)) || (scope.contains && scope.contains(c.scope))) {
          checks.splice(i, 1);
        }
      }
    }

    return { attachmentsFor, forget, stop: () => doc.removeEventListener("change", onChange, true) };
  }

  pg.photos = { watch };
})(globalThis);
