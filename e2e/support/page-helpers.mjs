// What the tests install into every page (as window.__e2e, before the page's own scripts): making
// pattern files, hashing what arrived, and recording transfers, their progress and how they ended.
// Installed as an init script, so the page's Content-Security-Policy (no eval) stays as it is.

import { patternSlices, SLICE_BYTES } from './pattern.mjs';

/** Runs in the page. Everything it needs comes in as arguments (it is installed as source text). */
function installPageHelpers(patternSlices, sliceBytes) {
  const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
  const describeError = (error) => ({ ok: false, name: error?.name, code: error?.code, message: error?.message ?? String(error) });

  const e2e = {
    /** A File of `size` pattern bytes, made slice by slice (each slice a Blob of its own, so no slice stays in the JS heap). */
    makeFile(name, size, seed, type = 'application/octet-stream') {
      const parts = [];
      patternSlices(seed, size, sliceBytes, (slice) => parts.push(new Blob([slice])));
      return new File(parts, name, { type });
    },

    /** Hex SHA-256 of a Blob with WebCrypto: independent of the client's own hashing. */
    async sha256(blob) {
      return hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
    },

    /** key → {transfer, progress: [detail...], states: [state...], outcome: null | {ok, ...}, settled: Promise} */
    transfers: new Map(),
    /** Offers that arrived, in order: {key, from, files, detail} */
    incoming: [],
    /** Called with (key, progressDetail) on every progress event; tests replace it to act at some point. */
    onProgress: null,

    record(key, transfer) {
      const entry = { transfer, progress: [], states: [transfer.state], outcome: null };
      transfer.addEventListener('progress', (event) => {
        entry.progress.push({ ...event.detail });
        e2e.onProgress?.(key, event.detail, transfer);
      });
      transfer.addEventListener('state', (event) => entry.states.push(event.detail?.state ?? transfer.state));
      entry.settled = transfer.done.then(
        (result) => { entry.outcome = { ok: true, result }; return entry.outcome; },
        (error) => { entry.outcome = describeError(error); return entry.outcome; },
      );
      e2e.transfers.set(key, entry);
      return key;
    },

    /** Starts listening for offers; each one is recorded under 'in-<n>'. */
    listenForOffers() {
      window.lanvan.addEventListener('incoming', (event) => {
        const detail = event.detail;
        const key = `in-${e2e.incoming.length + 1}`;
        e2e.incoming.push({ key, from: detail.from, files: detail.files.map(({ name, size, type }) => ({ name, size, type })), detail });
        e2e.record(key, detail.transfer);
      });
    },

    /** Hashes every file of a received transfer, after it completed. */
    async receivedFiles(key) {
      const { transfer } = e2e.transfers.get(key);
      const out = [];
      for (const entry of transfer.files) {
        const file = await entry.file();
        out.push({ name: entry.name, size: file.size, fileName: file.name, sha256: await e2e.sha256(file) });
      }
      return out;
    },

    /** Raw WebSockets to the page's own /ws, bypassing the client: name → {ws, frames, closed} */
    sockets: new Map(),

    async openSocket(name) {
      const ws = new WebSocket(`wss://${location.host}/ws`);
      const entry = { ws, frames: [], closed: null };
      ws.addEventListener('message', (event) => {
        entry.frames.push(typeof event.data === 'string' ? JSON.parse(event.data) : { binary: true });
      });
      ws.addEventListener('close', (event) => { entry.closed = { code: event.code, reason: event.reason }; });
      e2e.sockets.set(name, entry);
      await new Promise((resolve, reject) => {
        ws.addEventListener('open', resolve, { once: true });
        ws.addEventListener('close', () => reject(new Error(`raw socket ${name} closed before it opened`)), { once: true });
      });
    },

    /**
     * Says hello on a raw socket as a new device would (docs/protocol.md, protocol 2): a fresh
     * ECDSA P-256 key, the id its SHA-256 gives, and the server's challenge signed for this host.
     * Resolves once the proof is sent (the welcome, or the error, is then among the frames).
     */
    async rawHello(socketName, { id = 'h1', name, platform = 'other' }) {
      const { ws } = e2e.sockets.get(socketName);
      const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
        .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
      const spki = await crypto.subtle.exportKey('spki', keys.publicKey);
      const deviceId = base64url(await crypto.subtle.digest('SHA-256', spki));
      const answer = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer to the raw hello within 5 s')), 5000);
        ws.addEventListener('message', function onMessage(event) {
          const frame = JSON.parse(event.data);
          if (frame.inReplyTo !== id) return;
          clearTimeout(timer);
          ws.removeEventListener('message', onMessage);
          resolve(frame);
        });
      });
      ws.send(JSON.stringify({ type: 'hello', id, protocol: 2, deviceId, name, platform, identityKey: base64url(spki) }));
      const challenge = await answer;
      if (challenge.type !== 'hello.challenge') return;
      const signed = new TextEncoder().encode(['LANVan hello v2', challenge.nonce, '2', location.host, deviceId].join('\n'));
      const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, signed);
      ws.send(JSON.stringify({ type: 'hello.proof', id: `${id}-proof`, signature: base64url(signature) }));
    },

    describeError,
  };
  Object.defineProperty(window, '__e2e', { value: e2e });
}

export const pageHelpersScript = `(${installPageHelpers})(${patternSlices}, ${SLICE_BYTES});`;
