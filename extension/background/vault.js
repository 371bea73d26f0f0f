// The pairing (token and pair id) lives in the extension origin's IndexedDB. Extension pages and
// the service worker open it; content scripts cannot: they run with the page's origin and its
// storage, whereas chrome.storage.local is readable from content scripts. So a compromised or
// confused content script can never hand the token to a page.

const DB = "postguard";
const STORE = "vault";
const PAIRING = "pairing";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export async function readPairing() {
  const value = await inStore("readonly", (store) => store.get(PAIRING));
  const ok = value && typeof value.token === "string" && typeof value.pairId === "string";
  return ok ? { token: value.token, pairId: value.pairId } : null;
}

export async function writePairing({ token, pairId }) {
  await inStore("readwrite", (store) => store.put({ token, pairId, pairedAt: new Date().toISOString() }, PAIRING));
}
