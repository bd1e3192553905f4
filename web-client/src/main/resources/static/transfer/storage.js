// Where received files go while they arrive and until the user saves them: the Origin Private File
// System (written by opfs-worker.js), so memory stays flat whatever the size. Each tab writes under
// lanvan-incoming/<tab session>/<transferId>/<file index>, holds a Web Lock named after its
// session while open, and on start removes the folders of sessions no tab holds any more.
// MemoryStorage is the fallback for browsers without OPFS (it keeps files as Blobs).

import { baseName } from './manifest.js';

const ROOT = 'lanvan-incoming';
const LOCK_PREFIX = 'lanvan-incoming-';
/** Room kept free beyond the files themselves when checking the quota. */
const MARGIN_BYTES = 16 * 1024 * 1024;

export class OpfsStorage {
  #worker;
  #session;
  #storage;
  #calls = new Map();
  #seq = 0;

  /** Resolves null where OPFS is missing (older browsers, some private windows). */
  static async open({ session, storage = navigator.storage, locks = navigator.locks } = {}) {
    if (typeof storage?.getDirectory !== 'function' || typeof Worker !== 'function') return null;
    try {
      await storage.getDirectory();
    } catch {
      return null;
    }
    if (locks) {
      // Held until the tab closes: tells other tabs this session's files are in use.
      await new Promise((held) => { locks.request(LOCK_PREFIX + session, () => { held(); return new Promise(() => {}); }); });
    }
    const worker = new Worker(new URL('./opfs-worker.js', import.meta.url), { type: 'module', name: 'lanvan-files' });
    const opfs = new OpfsStorage(worker, session, storage);
    opfs.#sweep(locks).catch(() => {});
    return opfs;
  }

  constructor(worker, session, storage) {
    this.#worker = worker;
    this.#session = session;
    this.#storage = storage;
    worker.onmessage = ({ data }) => {
      const call = this.#calls.get(data.id);
      this.#calls.delete(data.id);
      if (data.ok) call?.resolve(data.result);
      else call?.reject(Object.assign(new Error(data.error), { name: data.name || 'Error' }));
    };
  }

  async ensureSpace(bytes) {
    const { quota, usage } = (await this.#storage.estimate?.()) ?? {};
    if (Number.isFinite(quota) && Number.isFinite(usage) && quota - usage < bytes + MARGIN_BYTES) {
      throw new Error(`there is room for ${Math.max(0, Math.floor((quota - usage - MARGIN_BYTES) / 1e6))} MB more, not ${Math.ceil(bytes / 1e6)} MB`);
    }
  }

  async openSink(transferId, index, { name, type }) {
    const handleId = `${transferId}/${index}`;
    const path = [ROOT, this.#session, transferId, String(index)];
    await this.#call('open', { handleId, path });
    return {
      write: (bytes, at) => {
        // Hand the buffer over when the view is all of it; otherwise send a copy.
        const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
        return this.#call('write', { handleId, bytes: whole, at }, [whole]);
      },
      close: () => this.#call('close', { handleId }),
      abort: () => this.#call('abort', { handleId }),
      file: async () => {
        let dir = await this.#storage.getDirectory();
        for (const segment of path.slice(0, -1)) dir = await dir.getDirectoryHandle(segment);
        const stored = await (await dir.getFileHandle(path.at(-1))).getFile();
        return new File([stored], baseName(name), { type, lastModified: stored.lastModified });
      },
    };
  }

  discard(transferId) {
    return this.#call('remove', { path: [ROOT, this.#session, transferId] });
  }

  async #sweep(locks) {
    if (!locks?.query) return;
    const held = new Set(((await locks.query()).held ?? []).map((lock) => lock.name));
    const root = await (await this.#storage.getDirectory()).getDirectoryHandle(ROOT, { create: true });
    for await (const name of root.keys()) {
      if (name !== this.#session && !held.has(LOCK_PREFIX + name)) await this.#call('remove', { path: [ROOT, name] });
    }
  }

  #call(op, message, transfer = []) {
    const id = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#calls.set(id, { resolve, reject });
      this.#worker.postMessage({ ...message, id, op }, transfer);
    });
  }
}

/** Keeps received files as Blobs in memory: only for browsers without OPFS. */
export class MemoryStorage {
  #files = new Map();

  async ensureSpace() {}

  async openSink(transferId, index, { name, type }) {
    let parts = new Map(); // offset → Blob: pieces may arrive out of order when one is sent again
    let blob = null;
    const key = `${transferId}/${index}`;
    this.#files.set(key, () => blob);
    return {
      write: async (bytes, at) => { parts.set(at, new Blob([bytes])); },
      close: async () => {
        blob = new Blob([...parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part), { type });
        parts = new Map();
      },
      abort: async () => { parts = new Map(); blob = null; },
      file: async () => new File([blob], baseName(name), { type }),
    };
  }

  async discard(transferId) {
    for (const key of [...this.#files.keys()]) if (key.startsWith(`${transferId}/`)) this.#files.delete(key);
  }
}
