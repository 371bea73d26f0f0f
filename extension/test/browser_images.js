// What node lacks of a browser's image and file APIs, for tests that run content/photos.js
// outside a browser: FileReader (photos.js reads a file's bytes through it), createImageBitmap
// and OffscreenCanvas (it draws a photo upright and smaller). The drawing is not done here: the
// canvas gives back a JPEG's first bytes. Real decoding and scaling are tested in Chromium and
// Firefox (tests/e2e/test_photos.py).

class FileReaderForNode {
  readAsDataURL(blob) {
    blob.arrayBuffer().then(
      (buffer) => {
        this.result = `data:${blob.type || "application/octet-stream"};base64,${Buffer.from(buffer).toString("base64")}`;
        this.onload?.();
      },
      (error) => {
        this.error = error;
        this.onerror?.();
      },
    );
  }
}

export function installImageApis(root = globalThis) {
  root.FileReader ??= FileReaderForNode;
  root.createImageBitmap = async () => ({ width: 10, height: 10, close() {} });
  root.OffscreenCanvas = class {
    getContext() {
      return { fillRect() {}, drawImage() {} };
    }
    async convertToBlob() {
      return new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: "image/jpeg" });
    }
  };
}

// A photo as a file picker, a paste or a drop gives it: a real File, with slice().
export function photoFile(name = "photo.jpg") {
  return new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70])], name, { type: "image/jpeg" });
}
