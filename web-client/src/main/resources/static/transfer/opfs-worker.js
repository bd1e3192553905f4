// Dedicated worker that writes received files into the Origin Private File System. It prefers
// FileSystemSyncAccessHandle (workers only; Chromium, Firefox, Safari), and falls back to
// createWritable() where that is missing. Requests are {id, op, ...}; each gets {id, ok, result}
// or {id, ok: false, error}. Bytes arrive as transferred ArrayBuffers, so nothing is copied;
// each write names its offset in the file.

const files = new Map(); // handleId → {sync} | {writable}

async function directory(path, create) {
  let dir = await navigator.storage.getDirectory();
  for (const name of path) dir = await dir.getDirectoryHandle(name, { create });
  return dir;
}

const ops = {
  async open({ handleId, path }) {
    const dir = await directory(path.slice(0, -1), true);
    const handle = await dir.getFileHandle(path.at(-1), { create: true });
    if (typeof handle.createSyncAccessHandle === 'function') {
      try {
        const sync = await handle.createSyncAccessHandle();
        await sync.truncate(0);
        files.set(handleId, { sync });
        return 'sync';
      } catch {
        // e.g. a browser that lists the method but refuses it here; try the other way.
      }
    }
    files.set(handleId, { writable: await handle.createWritable({ keepExistingData: false }) });
    return 'writable';
  },

  // Verified pieces, each at its place in the file (a piece sent again lands after later ones).
  async write({ handleId, bytes, at }) {
    const file = files.get(handleId);
    if (file.sync) {
      const written = await file.sync.write(new Uint8Array(bytes), { at });
      if (written !== bytes.byteLength) throw new Error('The disk is full');
    } else {
      await file.writable.write({ type: 'write', position: at, data: bytes });
    }
  },

  async close({ handleId }) {
    const file = files.get(handleId);
    files.delete(handleId);
    if (file?.sync) {
      await file.sync.flush();
      await file.sync.close();
    } else {
      await file?.writable.close();
    }
  },

  async abort({ handleId }) {
    const file = files.get(handleId);
    files.delete(handleId);
    if (file?.sync) await file.sync.close();
    else await file?.writable.abort();
  },

  async remove({ path }) {
    try {
      const dir = await directory(path.slice(0, -1), false);
      await dir.removeEntry(path.at(-1), { recursive: true });
    } catch (error) {
      if (error?.name !== 'NotFoundError') throw error;
    }
  },
};

self.onmessage = async ({ data }) => {
  try {
    self.postMessage({ id: data.id, ok: true, result: await ops[data.op](data) });
  } catch (error) {
    self.postMessage({ id: data.id, ok: false, error: error?.message || String(error), name: error?.name });
  }
};
