// A small persistent key-value store on IndexedDB, for what a device must remember across visits
// (its identity key pair as CryptoKey objects, which IndexedDB stores without exporting them, and
// the identity keys of peers it has met). memoryStore() stands in where IndexedDB is unavailable
// (some private windows) and in tests.

/** @returns {Promise<{get(key): Promise, set(key, value): Promise, delete(key): Promise}>} */
export function openKeyValueStore({ name = 'lanvan', store = 'kv', indexedDB = globalThis.indexedDB } = {}) {
  return new Promise((resolve, reject) => {
    if (!indexedDB) {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const run = (mode, action) => new Promise((done, fail) => {
        const tx = db.transaction(store, mode);
        const result = action(tx.objectStore(store));
        tx.oncomplete = () => done(result.result);
        tx.onerror = () => fail(tx.error);
        tx.onabort = () => fail(tx.error);
      });
      resolve({
        get: (key) => run('readonly', (s) => s.get(key)),
        set: (key, value) => run('readwrite', (s) => s.put(value, key)).then(() => undefined),
        delete: (key) => run('readwrite', (s) => s.delete(key)).then(() => undefined),
      });
    };
  });
}

export function memoryStore() {
  const map = new Map();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => { map.set(key, value); },
    delete: async (key) => { map.delete(key); },
  };
}
