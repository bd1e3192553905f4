// The signaling half of docs/protocol.md on top of the page's server connection: says hello on
// every (re)connection and proves the device's key when the server challenges it, tracks welcome and peers (the list from welcome, then the server's
// peer.joined / peer.updated / peer.left changes applied to it), and turns requests (pair.create,
// pair.join, pair.confirm, pair.reject) and their error frames into promises. Transfer and WebRTC frames are passed on as
// 'frame' events. Knows nothing of the DOM.
//
// Events: 'welcome' {welcome}  after each hello was answered (a reconnection gives a new peerId)
//         'peers' {peers}      the peer list changed
//         'pairretired' {code, reason} the server withdrew this device's pairing code: too many wrong
//                               guesses, or the request on it ended unanswered ('expired', 'joiner-left')
//         'pairrequest' {code, expiresAt, peer} a device entered this device's code and waits for
//                               pair.confirm or pair.reject (peer: peerId, deviceId, name, platform, identityKey)
//         'frame' {frame}      signal and transfer.* frames
//         'offline'            the connection dropped (peers are unknown until the next welcome)
//         'unavailable' {error} hello was refused, or the signaling capability stopped under a
//                               signed-in page, or the server refused this device while signed in
//                               (device-refused) (peers are unknown until hello is answered again)
//         'capabilities' {paused} what the server cannot do right now (server/capabilities.js)
//         'policy' {policy}    the server's policies, from welcome and each policy frame
//         'servererror' {error} an error frame about a frame sent without a reply (e.g. rename)

import { NO_POLICY, normalizePolicy } from './policy.js';
import { Status } from './server/connection.js';
import { answers, Capability, isStopped, pausedCapabilities, unavailableMessage } from './server/capabilities.js';

/** The hello this client speaks: 2 proves the device's key (hello.challenge → hello.proof). */
export const PROTOCOL = 2;
const FORWARDED = new Set(['signal', 'transfer.offer', 'transfer.accept', 'transfer.relay', 'transfer.decline', 'transfer.cancel']);

/** An error frame as a rejection: `code` from docs/protocol.md, `message` from the server. */
export class SignalingError extends Error {
  constructor(code, message) {
    super(message || code);
    this.name = 'SignalingError';
    this.code = code;
  }
}

export class SignalingClient extends EventTarget {
  #connection;
  #hello;
  #proveHello;
  #clock;
  #requestTimeoutMs;
  #errorWindowMs;
  #seq = 0;
  #pending = new Map(); // id → {resolve, reject, timer}
  #welcome = null;
  #policy = NO_POLICY;
  #peers = [];
  #helloRetryMs;
  #helloRetry = null;
  #helloing = false;
  #capabilities = null;

  /**
   * @param {object} options
   * @param {import('./server/connection.js').ServerConnection} options.connection
   * @param {() => Promise<{deviceId, name, platform, identityKey}>} options.hello fields of hello, asked anew each time
   * @param {(challenge: {nonce, protocol, host}) => Promise<string>} options.proveHello the identity key's signature of a
   *   hello challenge (identity.js); the host is the one the connection addressed
   * @param {number} [options.errorWindowMs] how long an error frame may still arrive for a frame sent with send()
   */
  constructor({ connection, hello, proveHello, clock = globalThis, requestTimeoutMs = 15_000, errorWindowMs = 30_000, helloRetryMs = 15_000 }) {
    super();
    this.#connection = connection;
    this.#hello = hello;
    this.#proveHello = proveHello;
    this.#clock = clock;
    this.#requestTimeoutMs = requestTimeoutMs;
    this.#errorWindowMs = errorWindowMs;
    this.#helloRetryMs = helloRetryMs;
    connection.onOpen(() => this.#sayHello());
    connection.onFrame((frame) => this.#receive(frame));
    connection.subscribe((state) => {
      if (state.status !== Status.CONNECTED) this.#disconnected();
      if (state.capabilities !== this.#capabilities) this.#capabilitiesChanged(state.capabilities);
    });
  }

  /** The last welcome ({self, peers, iceServers, relay, protocol}), or null while not signed in. */
  get welcome() { return this.#welcome; }
  /** The server's policies as last announced (docs/protocol.md, "Policy"); hybrid without limits before. */
  get policy() { return this.#policy; }
  /** Peers as the server last listed them (other connections only). */
  get peers() { return this.#peers; }
  /** [{capability, message}] this page depends on and cannot use now (server/capabilities.js). */
  get paused() { return pausedCapabilities(this.#capabilities); }
  /** Whether a relay ticket can be had: the relay capability runs (welcome's word until the server lists capabilities). */
  get relayAvailable() {
    return this.#capabilities === null ? this.#welcome?.relay === true : this.#capabilities.available.includes(Capability.RELAY);
  }

  /**
   * Why nothing can be sent to peers now, as a SignalingError ('disconnected' or
   * 'capability-unavailable'), or null when signed in.
   */
  get unavailable() {
    if (this.#welcome) return null;
    if (this.#connection.state.status !== Status.CONNECTED) {
      return new SignalingError('disconnected', 'Not connected to the LANVan server.');
    }
    return answers(this.#capabilities, 'hello') ? null : new SignalingError('capability-unavailable', unavailableMessage('hello'));
  }

  /**
   * Sends a frame that gets a reply; resolves with the reply frame, rejects with a SignalingError
   * for an error frame, a timeout or a lost connection.
   */
  request(frame, { onWaiting } = {}) {
    const id = this.#nextId();
    return new Promise((resolve, reject) => {
      const timedOut = () => {
        this.#pending.delete(id);
        reject(new SignalingError('timeout', 'The server did not answer in time.'));
      };
      const timer = this.#clock.setTimeout(timedOut, this.#requestTimeoutMs);
      this.#pending.set(id, { resolve, reject, timer, timedOut, onWaiting });
      if (!answers(this.#capabilities, frame.type)) {
        this.#settle(id);
        reject(new SignalingError('capability-unavailable', unavailableMessage(frame.type)));
      } else if (!this.#connection.send({ ...frame, id })) {
        this.#settle(id);
        reject(new SignalingError('disconnected', 'Not connected to the LANVan server.'));
      }
    });
  }

  /**
   * Sends a frame that has no reply. `onError(SignalingError)` runs if the server answers it with
   * an error frame (or right away when not connected). Returns whether it was sent.
   */
  send(frame, { onError } = {}) {
    if (!onError) return this.#connection.send(frame);
    const id = this.#nextId();
    const timer = this.#clock.setTimeout(() => this.#pending.delete(id), this.#errorWindowMs);
    this.#pending.set(id, { resolve: () => {}, reject: onError, timer });
    // A stopped capability cannot answer: fail at once rather than wait for its error frame.
    const stopped = !answers(this.#capabilities, frame.type);
    const sent = !stopped && this.#connection.send({ ...frame, id });
    if (!sent) {
      this.#settle(id);
      const error = stopped ? new SignalingError('capability-unavailable', unavailableMessage(frame.type))
        : new SignalingError('disconnected', 'Not connected to the LANVan server.');
      // Later, never from inside send(): callers may send again from onError.
      queueMicrotask(() => onError(error));
    }
    return sent;
  }

  /** Tells the server (and so the peers) this device's new name. */
  rename(name) {
    return this.send({ type: 'rename', name }, { onError: (error) => this.#report(error) });
  }

  /** @returns {Promise<{code: string, expiresAt: string}>} */
  async pairCreate() {
    const { code, expiresAt } = await this.request({ type: 'pair.create' });
    return { code, expiresAt };
  }

  /**
   * Enters another device's code. A right code waits for that device's person to confirm
   * (`onWaiting({expiresAt})` says so); resolves once confirmed.
   * @returns {Promise<{peerId: string}>} rejects with code 'pairing-failed' for a wrong, used or
   *   expired code (or an unanswered request), 'pairing-declined' when the other device said no
   */
  async pairJoin(code, { onWaiting } = {}) {
    const { peerId } = await this.request({ type: 'pair.join', code }, { onWaiting });
    return { peerId };
  }

  /** Pairs with the device that entered this device's `code` (see the 'pairrequest' event). */
  async pairConfirm(code) {
    const { peerId } = await this.request({ type: 'pair.confirm', code });
    return { peerId };
  }

  /** Refuses the device that entered this device's `code`; it is told. */
  async pairReject(code) {
    await this.request({ type: 'pair.reject', code });
  }

  async #sayHello() {
    if (this.#helloing) return;
    this.#helloing = true;
    let welcome;
    try {
      welcome = await this.request({ type: 'hello', protocol: PROTOCOL, ...(await this.#hello()) });
      // A server of protocol 1 welcomes at once; one of protocol 2 first asks for proof of the key.
      if (welcome.type === 'hello.challenge') {
        const signature = await this.#proveHello({ nonce: String(welcome.nonce ?? ''), protocol: PROTOCOL, host: this.#connection.host });
        welcome = await this.request({ type: 'hello.proof', signature });
      }
    } catch (error) {
      this.#helloing = false;
      if (error.code !== 'disconnected') {
        this.dispatchEvent(new CustomEvent('unavailable', { detail: { error } }));
        // The signaling capability may be stopped for a while; an admin can start it again.
        this.#helloRetry = this.#clock.setTimeout(() => {
          this.#helloRetry = null;
          this.#sayHello();
        }, this.#helloRetryMs);
      }
      return;
    }
    this.#helloing = false;
    if (welcome.type !== 'welcome') return;
    this.#welcome = Object.freeze({
      protocol: welcome.protocol,
      self: welcome.self,
      iceServers: Array.isArray(welcome.iceServers) ? welcome.iceServers : [],
      relay: welcome.relay === true,
    });
    this.#setPolicy(welcome.policy);
    this.#setPeers(welcome.peers);
    this.dispatchEvent(new CustomEvent('welcome', { detail: { welcome: this.#welcome } }));
  }

  #receive(frame) {
    if (frame.type === 'pair.waiting' && this.#pending.has(frame.inReplyTo)) {
      // A right code: the answer comes once the other device's person decides, at the latest when the code expires.
      const entry = this.#pending.get(frame.inReplyTo);
      const left = Date.parse(frame.expiresAt) - Date.now();
      this.#clock.clearTimeout(entry.timer);
      entry.timer = this.#clock.setTimeout(entry.timedOut, (Number.isFinite(left) ? Math.min(Math.max(left, 0), 3_600_000) : 0)
        + this.#requestTimeoutMs);
      entry.onWaiting?.({ expiresAt: String(frame.expiresAt ?? '') });
      return;
    }
    if (typeof frame.inReplyTo === 'string' && this.#pending.has(frame.inReplyTo)) {
      const entry = this.#settle(frame.inReplyTo);
      if (frame.type === 'error') entry.reject(new SignalingError(String(frame.code ?? 'error'), String(frame.message ?? '')));
      else entry.resolve(frame);
      return;
    }
    if (frame.type === 'peer.joined' || frame.type === 'peer.updated') {
      if (this.#welcome && isPeer(frame.peer) && frame.peer.peerId !== this.#welcome.self?.peerId) {
        const others = this.#peers.filter((p) => p.peerId !== frame.peer.peerId);
        const at = this.#peers.findIndex((p) => p.peerId === frame.peer.peerId);
        this.#setPeers(at < 0 ? [...others, frame.peer] : this.#peers.map((p, i) => (i === at ? frame.peer : p)));
      }
    } else if (frame.type === 'peer.left') {
      if (this.#welcome && this.#peers.some((p) => p.peerId === frame.peerId)) {
        this.#setPeers(this.#peers.filter((p) => p.peerId !== frame.peerId));
      }
    } else if (frame.type === 'pair.request') {
      if (frame.peer !== null && typeof frame.peer === 'object' && typeof frame.code === 'string') {
        this.dispatchEvent(new CustomEvent('pairrequest', {
          detail: { code: frame.code, expiresAt: String(frame.expiresAt ?? ''), peer: frame.peer },
        }));
      }
    } else if (frame.type === 'pair.retired') {
      this.dispatchEvent(new CustomEvent('pairretired', { detail: { code: String(frame.code ?? ''), reason: String(frame.reason ?? '') } }));
    } else if (frame.type === 'policy') {
      this.#setPolicy(frame);
    } else if (frame.type === 'error' && frame.code === 'device-refused') {
      // Said to a signed-in device as the server closes its connections (revoked, or held by the reputation policy).
      const error = new SignalingError('device-refused', String(frame.message ?? ''));
      this.#signOut(error, new CustomEvent('unavailable', { detail: { error } }));
    } else if (FORWARDED.has(frame.type)) {
      this.dispatchEvent(new CustomEvent('frame', { detail: { frame } }));
    }
  }

  #setPolicy(raw) {
    this.#policy = normalizePolicy(raw);
    this.dispatchEvent(new CustomEvent('policy', { detail: { policy: this.#policy } }));
  }

  #setPeers(peers) {
    const selfId = this.#welcome?.self?.peerId;
    this.#peers = Object.freeze((Array.isArray(peers) ? peers : [])
      .filter((p) => isPeer(p) && p.peerId !== selfId));
    this.dispatchEvent(new CustomEvent('peers', { detail: { peers: this.#peers } }));
  }

  #disconnected() {
    this.#signOut(new SignalingError('disconnected', 'The connection to the LANVan server was lost.'), new CustomEvent('offline'));
  }

  // Hot swap (docs/protocol.md, "Capabilities"): when signaling stops under a signed-in page, the
  // page is signed out at once with the reason; when it returns, the page says hello again at once.
  #capabilitiesChanged(capabilities) {
    const policyStopped = !isStopped(this.#capabilities, Capability.POLICY) && isStopped(capabilities, Capability.POLICY);
    this.#capabilities = capabilities;
    if (capabilities !== null && !answers(capabilities, 'hello')) {
      const error = new SignalingError('capability-unavailable', unavailableMessage('hello'));
      if (this.#welcome) this.#signOut(error, new CustomEvent('unavailable', { detail: { error } }));
    } else if (capabilities !== null && !this.#welcome && this.#connection.state.status === Status.CONNECTED) {
      if (this.#helloRetry !== null) this.#clock.clearTimeout(this.#helloRetry);
      this.#helloRetry = null;
      this.#sayHello();
    }
    // The server applies its defaults while the policy capability is stopped; the policy frame it
    // pushes when the capability returns replaces them.
    if (policyStopped && this.#welcome) this.#setPolicy(null);
    this.dispatchEvent(new CustomEvent('capabilities', { detail: { paused: this.paused } }));
  }

  #signOut(error, event) {
    if (this.#helloRetry !== null) this.#clock.clearTimeout(this.#helloRetry);
    this.#helloRetry = null;
    for (const id of [...this.#pending.keys()]) this.#settle(id).reject(error);
    if (!this.#welcome) return;
    this.#welcome = null;
    this.#peers = Object.freeze([]);
    this.dispatchEvent(event);
    this.dispatchEvent(new CustomEvent('peers', { detail: { peers: this.#peers } }));
  }

  #report(error) {
    this.dispatchEvent(new CustomEvent('servererror', { detail: { error } }));
  }

  #settle(id) {
    const entry = this.#pending.get(id);
    this.#pending.delete(id);
    this.#clock.clearTimeout(entry.timer);
    return entry;
  }

  #nextId() {
    return `s${++this.#seq}`;
  }
}

function isPeer(p) {
  return p !== null && typeof p === 'object' && typeof p.peerId === 'string';
}
