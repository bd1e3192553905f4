// Fakes for what lies outside the transfer engine: the signaling server, the two routes (WebRTC and
// relay) and browser storage. The engine, crypto, framing, sender and receiver under test are real.

import { exportIdentityKey, generateIdentityKeyPair } from '../../main/resources/static/transfer/crypto.js';
import { TransferEngine } from '../../main/resources/static/transfer/engine.js';
import { baseName } from '../../main/resources/static/transfer/manifest.js';
import { eventually as sharedEventually } from '../../../../platform/web/src/test/js/eventually.mjs';

const later = (fn) => setImmediate(fn);

/** Two connected transports, delivering copies of each message asynchronously and in order. */
export function transportPair(route, { maxMessageSize = 256 * 1024 } = {}) {
  const make = () => ({ route, maxMessageSize, closed: false, onmessage: null, onclose: null, sent: 0 });
  const a = make();
  const b = make();
  for (const [self, other] of [[a, b], [b, a]]) {
    self.send = (bytes) => {
      if (self.closed) throw new Error('closed');
      self.sent += 1;
      const copy = bytes.slice().buffer;
      later(() => { if (!other.closed) other.onmessage?.(copy); });
    };
    self.ready = async () => { if (self.closed) throw new Error('closed'); };
    // The server ends both sides at once, e.g. the relay with 1001 when its capability stops. As
    // with a WebSocket in its closing handshake, sends fail at once; the close event comes later.
    self.closeByServer = (info, { eventDelayMs = 0 } = {}) => {
      for (const side of [self, other]) {
        if (side.closed) continue;
        side.closed = true;
        setTimeout(() => side.onclose?.(info), eventDelayMs);
      }
    };
    self.close = () => {
      if (self.closed) return;
      self.closed = true;
      later(() => {
        if (other.closed) return;
        other.closed = true;
        other.onclose?.({ code: 1000, reason: '' });
      });
    };
  }
  return [a, b];
}

/** Meets the two sides of a transfer: whoever asks second gets connected with the first. */
class Rendezvous {
  #waiting = new Map();

  constructor(route) { this.route = route; }

  connect(transferId, { abortSignal } = {}) {
    const first = this.#waiting.get(transferId);
    if (first) {
      this.#waiting.delete(transferId);
      const [a, b] = transportPair(this.route);
      first.resolve(a);
      return Promise.resolve(b);
    }
    return new Promise((resolve, reject) => {
      this.#waiting.set(transferId, { resolve });
      abortSignal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
  }
}

/**
 * The server's part: forwards frames between joined peers with "from", answers unknown
 * addressees with peer-unavailable, hands out relay tickets on accept, records reports.
 */
export class FakeServer {
  peers = new Map();
  reports = [];
  frames = [];
  relayRunning = true;
  direct = new Rendezvous('direct');
  relay = new Rendezvous('relay');
  directWorks = true;
  /** The policy the engines obey (docs/protocol.md, "Policy"); null for none. */
  policy = null;
  /** When set, offers are answered with a policy-refused error frame carrying this message. */
  refuseOffers = null;
  /** How often a device tried WebRTC. */
  directAttempts = 0;
  /** Frame types the server holds back this many ms (e.g. {'transfer.cancel': 100}), or drops (Infinity). */
  delays = {};
  /** Every route opened: {peerId, transferId, transport}, for tests that break one. */
  transports = [];
  /** Cancels and declines the server refused because the transfer had already ended. */
  refused = [];
  #ended = new Set();

  async join(peerId, name, options = {}) {
    const identity = options.identity ?? await generateIdentityKeyPair();
    const announcedKey = options.announcedKey ?? await exportIdentityKey(identity.publicKey);
    const storage = new MemoryStorage();
    const server = this;
    const opened = ({ transferId }) => (transport) => {
      server.transports.push({ peerId, transferId, transport });
      return transport;
    };
    const record = { id: peerId, name, platform: 'linux', identityKey: announcedKey, keyChanged: false };
    const engine = new TransferEngine({
      identity,
      storage,
      signaling: { send: (frame, { onError } = {}) => server.#route(peerId, frame, onError) },
      peers: { get: (id) => (server.peers.has(id) && id !== peerId ? server.peers.get(id).record : null) },
      routes: {
        iceServers: () => [],
        relayAvailable: () => server.relayRunning,
        policy: () => server.policy,
        direct: (o) => (++server.directAttempts, server.directWorks
          ? server.direct.connect(o.transferId, o).then(opened(o))
          : new Promise((resolve, reject) => setTimeout(() => reject(new Error('ICE failed')), 5))),
        relay: (o) => server.relay.connect(o.transferId, o).then(opened(o)),
      },
      newId: () => `t-${Math.random().toString(36).slice(2, 12)}`,
      ...options.engine,
      timing: {
        directTimeoutMs: 200, establishTimeoutMs: 2000, readyResendMs: 50, ticketTimeoutMs: 500, closeGraceMs: 20, ...options.engine?.timing,
      },
    });
    this.peers.set(peerId, { engine, record, storage });
    return { engine, storage, id: peerId };
  }

  leave(peerId) {
    this.peers.delete(peerId);
    for (const { engine } of this.peers.values()) engine.peersChanged();
  }

  #route(from, frame, onError) {
    this.frames.push({ from, ...frame });
    // Like the server's ledger: a report, decline or cancel ends the transfer, and a cancel or
    // decline of an ended transfer is refused, not forwarded.
    if (frame.type === 'transfer.report') {
      this.reports.push({ from, ...frame });
      this.#ended.add(frame.transferId);
      return true;
    }
    if (frame.type === 'transfer.cancel' || frame.type === 'transfer.decline') {
      if (this.#ended.has(frame.transferId)) {
        this.refused.push({ from, ...frame });
        later(() => onError?.({ code: 'invalid-field', message: `No transfer '${frame.transferId}' that this device may cancel` }));
        return true;
      }
      this.#ended.add(frame.transferId);
    }
    if (frame.type === 'transfer.offer' && this.refuseOffers) {
      const message = this.refuseOffers;
      later(() => onError?.({ code: 'policy-refused', message }));
      return true;
    }
    const delay = this.delays[frame.type];
    if (delay === Infinity) return true;
    if (delay) {
      setTimeout(() => this.#forward(from, frame, onError), delay);
      return true;
    }
    return this.#forward(from, frame, onError);
  }

  #forward(from, frame, onError) {
    const target = this.peers.get(frame.to);
    if (!target) {
      later(() => onError?.({ code: 'peer-unavailable', message: 'That peer is not available' }));
      return true;
    }
    const { to, ...rest } = frame;
    const ticket = (side) => ({ url: `/ws/relay/${frame.transferId}`, token: `${side}-${frame.transferId}` });
    if (frame.type === 'transfer.accept' && this.relayRunning) {
      later(() => this.peers.get(from)?.engine.handleFrame({ type: 'transfer.relay', transferId: frame.transferId, relay: ticket('r') }));
      later(() => target.engine.handleFrame({ ...rest, from, relay: ticket('s') }));
    } else {
      later(() => target.engine.handleFrame({ ...rest, from }));
    }
    return true;
  }
}

export class MemoryStorage {
  files = new Map(); // `${transferId}/${index}` → {parts, closed, name, type}
  discarded = new Set();
  spaceBytes = Infinity;

  async ensureSpace(bytes) {
    if (bytes > this.spaceBytes) throw new Error(`${bytes} bytes do not fit`);
  }

  async openSink(transferId, index, { name, type }) {
    const entry = { parts: [], closed: false, aborted: false };
    this.files.set(`${transferId}/${index}`, entry);
    const inOrder = () => entry.parts.toSorted((a, b) => a.at - b.at).map((part) => part.bytes);
    return {
      write: async (bytes, at) => {
        entry.parts.push({ at, bytes: bytes.slice() });
        // Like the OPFS sink, take the buffer over: the caller must not use it afterwards.
        if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
      },
      close: async () => { entry.closed = true; },
      abort: async () => { entry.aborted = true; entry.parts = []; },
      file: async () => new File(inOrder(), baseName(name), { type }),
    };
  }

  async discard(transferId) {
    this.discarded.add(transferId);
    for (const key of [...this.files.keys()]) if (key.startsWith(`${transferId}/`)) this.files.delete(key);
  }
}

export function randomBytes(length) {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 65_536) crypto.getRandomValues(out.subarray(i, i + 65_536));
  return out;
}

/** Resolves with the detail of the next `type` event of `target`. */
export const nextEvent = (target, type) => new Promise((resolve) => {
  target.addEventListener(type, (event) => resolve(event.detail), { once: true });
});

/**
 * The shared eventually(), tuned for in-process fakes: they answer within milliseconds, so poll every
 * 5 ms and give up after 2 s unless a test says otherwise.
 */
export const eventually = (check, options = {}) => sharedEventually(check, { timeoutMs: 2000, intervalMs: 5, ...options });
