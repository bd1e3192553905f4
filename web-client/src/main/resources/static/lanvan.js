// window.lanvan, the client's public API (docs/client-api.md): this device, the peers around it,
// sending and receiving transfers, pairing. The page's UI is built on it, end-to-end tests drive
// it, integrators can script it. Knows nothing of the DOM: the server connection, identity,
// storage and routes are injected.

import { normalizeDeviceName } from './identity.js';
import { SignalingClient } from './signaling.js';
import { TransferEngine } from './transfer/engine.js';
import { deviceIdOf, keyFingerprint } from './transfer/crypto.js';

export const Status = Object.freeze({ CONNECTING: 'connecting', ONLINE: 'online', OFFLINE: 'offline', UNAVAILABLE: 'unavailable' });

const publicPeer = ({ peerId, name, platform }) => Object.freeze({ id: peerId, name, platform });

export class Lanvan extends EventTarget {
  #identity = null;
  #identityReady;
  #signaling;
  #engine;
  #trust;
  #keyChanged = new Map(); // deviceId → true while its announced key differs from the remembered one
  #records = Object.freeze([]); // peers as the server listed them, with identity keys
  #peers = Object.freeze([]);
  #status = Status.CONNECTING;
  #ready;
  #peersUpdate = Promise.resolve();
  autoAccept = false;

  /**
   * @param {object} deps
   * @param {import('./server/connection.js').ServerConnection} deps.connection
   * @param {Promise<import('./identity.js').DeviceIdentity>} deps.identity
   * @param {import('./identity.js').PeerTrust} deps.trust
   * @param {Promise<object>|object} deps.storage see transfer/storage.js
   * @param {{direct(options): Promise, relay(options): Promise}} deps.routes
   * @param {object} [deps.engine] extra TransferEngine options (timing, clock)
   */
  constructor({ connection, identity, trust, storage, routes, engine = {} }) {
    super();
    this.#trust = trust;
    const identityReady = Promise.resolve(identity).then((loaded) => { this.#identity = loaded; return loaded; });
    this.#identityReady = identityReady;
    this.#signaling = new SignalingClient({
      connection,
      hello: async () => (await identityReady).helloFields(),
      proveHello: async (challenge) => (await identityReady).proveHello(challenge),
    });
    const stored = Promise.resolve(storage);
    this.#engine = new TransferEngine({
      signaling: this.#signaling,
      identity: { get privateKey() { return identityReady.then((loaded) => loaded.privateKey); } },
      peers: { get: (peerId) => this.#peerRecord(peerId) },
      routes: {
        direct: routes.direct,
        relay: routes.relay,
        iceServers: () => this.#signaling.welcome?.iceServers ?? [],
        relayAvailable: () => this.#signaling.relayAvailable,
        policy: () => this.#signaling.policy,
      },
      storage: {
        ensureSpace: async (bytes) => (await stored).ensureSpace(bytes),
        openSink: async (...args) => (await stored).openSink(...args),
        discard: async (transferId) => (await stored).discard(transferId),
      },
      ...engine,
    });
    this.#ready = new Promise((resolve) => {
      this.#signaling.addEventListener('welcome', () => {
        this.#setStatus(Status.ONLINE);
        this.#peersUpdate.then(resolve);
      });
    });
    this.#signaling.addEventListener('peers', ({ detail }) => this.#peersChanged(detail.peers));
    this.#signaling.addEventListener('frame', ({ detail }) => this.#engine.handleFrame(detail.frame));
    this.#signaling.addEventListener('policy', ({ detail }) => this.dispatchEvent(new CustomEvent('policy', { detail: { policy: detail.policy } })));
    this.#signaling.addEventListener('pairretired', ({ detail }) => this.dispatchEvent(new CustomEvent('pairretired', { detail })));
    this.#signaling.addEventListener('pairrequest', ({ detail }) => this.#pairRequested(detail));
    this.#signaling.addEventListener('offline', () => this.#setStatus(Status.OFFLINE));
    this.#signaling.addEventListener('unavailable', ({ detail }) => {
      if (detail.error.code === 'capability-unavailable') this.#engine.serverUnavailable(detail.error);
      this.#setStatus(Status.UNAVAILABLE, detail.error);
    });
    this.#signaling.addEventListener('capabilities', ({ detail }) => this.dispatchEvent(new CustomEvent('capabilities', { detail })));
    this.#engine.addEventListener('transfer', ({ detail }) => this.dispatchEvent(new CustomEvent('transfer', { detail })));
    this.#engine.addEventListener('incoming', ({ detail }) => this.#incoming(detail));
  }

  /** Resolves once this device is signed in to the server and knows its peers. */
  get ready() { return this.#ready; }

  /** {id, name}: id is this connection's peerId (null until ready). */
  get self() {
    return Object.freeze({ id: this.#signaling.welcome?.self?.peerId ?? null, name: this.#identity?.name ?? null });
  }

  /** [{id, name, platform}] of the devices this one can send to. */
  get peers() { return this.#peers; }

  /** 'connecting', 'online', 'offline' (reconnecting) or 'unavailable' (the server's signaling is stopped). */
  get status() { return this.#status; }

  /**
   * What the server cannot do right now because an admin stopped a capability, in plain words:
   * [{capability, message}], empty when all is well; a 'capabilities' event tells of each change.
   */
  get paused() { return this.#signaling.paused; }

  /**
   * The server's policies: {mode: 'hybrid'|'p2p-first'|'server-only', maxFileBytes, maxTransferBytes,
   * blockedExtensions} (0 = no limit); a 'policy' event tells of every change.
   */
  get policy() { return this.#signaling.policy; }

  /** Transfers that have not ended yet. */
  get transfers() { return this.#engine.active; }

  /**
   * Sends files (File objects, a FileList, or {file, name} with a relative path as name).
   * @param {{route?: 'auto'|'direct'|'relay'}} [options]
   * @returns {import('./transfer/transfer.js').Transfer}
   */
  send(peerId, files, options = {}) {
    return this.#engine.send(peerId, files, options);
  }

  /** Sends a short text as a transfer of one text/plain file, message.txt. */
  sendText(peerId, text, options = {}) {
    return this.send(peerId, [new File([String(text)], 'message.txt', { type: 'text/plain' })], options);
  }

  /** Renames this device for its peers; resolves with the name as kept (trimmed, at most 64 characters). */
  async rename(name) {
    const normalized = normalizeDeviceName(name);
    const kept = await (await this.#identityReady).rename(normalized);
    this.#signaling.rename(kept);
    this.dispatchEvent(new CustomEvent('self', { detail: { self: this.self } }));
    return kept;
  }

  get pair() {
    return {
      /** @returns {Promise<{code: string, expiresAt: string}>} */
      create: () => this.#signaling.pairCreate(),
      /**
       * @param {{onWaiting?: ({expiresAt}) => void}} [options] onWaiting: the code was right, the other device's person decides
       * @returns {Promise<{peerId: string}>} once the other device confirmed; rejects with code 'pairing-failed'
       *   for a wrong or expired code, 'pairing-declined' when the other device said no
       */
      join: (code, options) => this.#signaling.pairJoin(String(code).replace(/\D/g, ''), options),
      /** Pairs with the device a 'pairrequest' event showed. */
      confirm: (code) => this.#signaling.pairConfirm(String(code)),
      /** Refuses it; that device is told. */
      reject: (code) => this.#signaling.pairReject(String(code)),
    };
  }

  /**
   * A device entered this device's code: 'pairrequest' {code, expiresAt, peer: {id, name, platform,
   * deviceId, fingerprint}} asks the person to confirm. A request whose device id is not its key's
   * (the server's lie) is refused here at once and reported as 'pairretired' with reason 'inconsistent'.
   */
  async #pairRequested({ code, expiresAt, peer }) {
    let fingerprint = null;
    try {
      if (typeof peer.identityKey === 'string' && await deviceIdOf(peer.identityKey) === peer.deviceId) {
        fingerprint = await keyFingerprint(peer.identityKey);
      }
    } catch {
      fingerprint = null;
    }
    if (fingerprint === null) {
      this.#signaling.pairReject(code).catch(() => {});
      this.dispatchEvent(new CustomEvent('pairretired', { detail: { code, reason: 'inconsistent' } }));
      return;
    }
    this.dispatchEvent(new CustomEvent('pairrequest', {
      detail: {
        code, expiresAt,
        peer: Object.freeze({ id: String(peer.peerId), name: String(peer.name ?? ''), platform: String(peer.platform ?? 'other'), deviceId: peer.deviceId, fingerprint }),
      },
    }));
  }

  /** True when the device behind `peerId` shows another identity key than the first time. */
  keyChanged(peerId) {
    const record = this.#records.find((p) => p.peerId === peerId);
    return Boolean(record && this.#keyChanged.get(record.deviceId));
  }

  /** Accepts the changed identity key of `peerId`'s device from now on. */
  async trustPeer(peerId) {
    const record = this.#records.find((p) => p.peerId === peerId);
    if (!record) return;
    await this.#trust.trust(record.deviceId, record.identityKey);
    this.#keyChanged.delete(record.deviceId);
    this.dispatchEvent(new CustomEvent('peers', { detail: { peers: this.#peers } }));
  }

  /** Ends every transfer; the page calls it on pagehide so peers learn at once that it closed. */
  close() {
    this.#engine.cancelAll('closed');
  }

  #peerRecord(peerId) {
    const record = this.#records.find((p) => p.peerId === peerId);
    if (!record) return null;
    return {
      id: record.peerId, deviceId: record.deviceId, name: record.name, platform: record.platform,
      identityKey: record.identityKey, keyChanged: Boolean(this.#keyChanged.get(record.deviceId)),
    };
  }

  // Identity keys are checked (trust on first use) before the new list is published, so no
  // transfer from a device with a changed key can be accepted automatically in between.
  #peersChanged(records) {
    this.#peersUpdate = this.#peersUpdate.then(async () => {
      for (const record of records) {
        if (typeof record.deviceId !== 'string' || typeof record.identityKey !== 'string') continue;
        const verdict = await this.#trust.check(record.deviceId, record.identityKey).catch(() => 'known');
        const wasChanged = this.#keyChanged.get(record.deviceId);
        if (verdict === 'changed') this.#keyChanged.set(record.deviceId, true);
        else this.#keyChanged.delete(record.deviceId);
        if (verdict === 'changed' && !wasChanged) {
          this.dispatchEvent(new CustomEvent('identitychange', { detail: { peer: publicPeer(record), deviceId: record.deviceId } }));
        }
      }
      this.#records = records;
      this.#peers = Object.freeze(records.map(publicPeer));
      this.#engine.peersChanged();
      this.dispatchEvent(new CustomEvent('peers', { detail: { peers: this.#peers } }));
    });
  }

  #incoming({ transfer, peer, keyChanged }) {
    const from = Object.freeze({ id: peer.id, name: peer.name, platform: peer.platform });
    const detail = {
      transfer,
      from,
      files: transfer.files.map(({ name, size, type }) => ({ name, size, type })),
      keyChanged,
      accept: () => transfer.accept(),
      decline: () => transfer.decline(),
    };
    // A device whose identity key changed is never accepted without asking.
    if (this.autoAccept && !keyChanged) transfer.accept();
    this.dispatchEvent(new CustomEvent('incoming', { detail }));
  }

  #setStatus(status, error = null) {
    if (this.#status === status) return;
    this.#status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: { status, error } }));
  }
}
