// window.lanvan, the client's public API (docs/client-api.md): this device, the peers around it,
// sending and receiving transfers, pairing. The page's UI is built on it, end-to-end tests drive
// it, integrators can script it. Knows nothing of the DOM: the server connection, identity,
// storage and routes are injected.

import { normalizeDeviceName } from './identity.js';
import { PeerDirectory } from './peers.js';
import { SignalingClient, SignalingError } from './signaling.js';
import { TransferEngine } from './transfer/engine.js';
import { Verification } from './trust.js';
import { checkAnnouncedIdentity, fingerprintOf, safetyCode } from './verification.js';

export const Status = Object.freeze({
  CONNECTING: 'connecting', ONLINE: 'online', OFFLINE: 'offline', UNAVAILABLE: 'unavailable', REFUSED: 'refused',
});

export const MAX_REPORT_CHARS = 200;

const publicPeer = ({ peerId, name, platform, fingerprint, verification }) => Object.freeze({ id: peerId, name, platform, fingerprint, verification });
const refusedPeer = ({ peerId, name, platform, reason }) => Object.freeze({ id: peerId, name, platform, reason });

export class Lanvan extends EventTarget {
  #identity = null;
  #identityReady;
  #signaling;
  #engine;
  #trust;
  #directory;
  #fingerprint = null;
  #peers;
  #refusedPeers = Object.freeze([]);
  #status = Status.CONNECTING;
  #refusal = null;
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
    this.#directory = new PeerDirectory({ trust });
    this.#peers = this.#peerList([]);
    const identityReady = Promise.resolve(identity).then(async (loaded) => {
      this.#identity = loaded;
      this.#fingerprint = await fingerprintOf(loaded.identityKey);
      this.dispatchEvent(new CustomEvent('self', { detail: { self: this.self } }));
      return loaded;
    });
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
      // Test-only (docs/transfer.md, "Pieces"): end-to-end tests set globalThis.lanvanTestHooks
      // from an init script to alter a received piece before it is verified. Unset, it does nothing.
      beforePieceCheck: (piece) => globalThis.lanvanTestHooks?.beforePieceCheck?.(piece),
      ...engine,
    });
    this.#ready = new Promise((resolve) => {
      this.#signaling.addEventListener('welcome', () => {
        this.#refusal = null;
        this.#setStatus(Status.ONLINE);
        this.#peersUpdate.then(resolve);
      });
    });
    this.#signaling.addEventListener('peers', ({ detail }) => this.#peersChanged(detail.peers));
    this.#signaling.addEventListener('frame', ({ detail }) => this.#engine.handleFrame(detail.frame));
    this.#signaling.addEventListener('policy', ({ detail }) => this.dispatchEvent(new CustomEvent('policy', { detail: { policy: detail.policy } })));
    this.#signaling.addEventListener('pairretired', ({ detail }) => this.dispatchEvent(new CustomEvent('pairretired', { detail })));
    this.#signaling.addEventListener('pairrequest', ({ detail }) => this.#pairRequested(detail));
    // A refused device (revoked, on hold, awaiting approval) stays 'refused' while the page keeps
    // reconnecting (the server closes each of its connections), until a hello is welcomed again.
    this.#signaling.addEventListener('offline', () => {
      if (this.#status !== Status.REFUSED) this.#setStatus(Status.OFFLINE);
    });
    this.#signaling.addEventListener('unavailable', ({ detail }) => {
      if (detail.error.code === 'capability-unavailable') this.#engine.serverUnavailable(detail.error);
      if (detail.error.code === 'device-refused') {
        this.#refusal = Object.freeze({ code: detail.error.code, message: detail.error.message });
        this.#setStatus(Status.REFUSED, detail.error);
      } else {
        this.#setStatus(Status.UNAVAILABLE, detail.error);
      }
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

  /**
   * [{id, name, platform, fingerprint, verification}] of the devices this one can send to, with the
   * methods safetyCode(), markVerified(), forgetVerification(), acceptKey() and report() (docs/client-api.md).
   */
  get peers() { return this.#peers; }

  /** [{id, name, platform, reason}]: peers the server announced whose device id is not their key's; never offered. */
  get refusedPeers() { return this.#refusedPeers; }

  /** This device's {deviceId, identityKey, fingerprint}; nulls until its keys are loaded. */
  get identity() {
    return Object.freeze({
      deviceId: this.#identity?.deviceId ?? null,
      identityKey: this.#identity?.identityKey ?? null,
      fingerprint: this.#fingerprint,
    });
  }

  /**
   * 'connecting', 'online', 'offline' (reconnecting), 'unavailable' (the server's signaling is
   * stopped) or 'refused' (the server does not admit this device: see refusal).
   */
  get status() { return this.#status; }

  /** {code: 'device-refused', message} while the server refuses this device (revoked, on hold, awaiting approval); else null. */
  get refusal() { return this.#refusal; }

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
    const { ok, fingerprint } = await checkAnnouncedIdentity(peer ?? {});
    if (!ok) {
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

  /** True when the device behind `peerId` shows another key than the one known under its name (verification 'changed'). */
  keyChanged(peerId) {
    return this.#directory.find(peerId)?.verification === Verification.CHANGED;
  }

  /** Takes the changed key of `peerId` as the one known under its name from now on (it stays unverified). */
  async trustPeer(peerId) {
    const record = this.#directory.find(peerId);
    if (!record) return;
    await this.#trust.acceptKey(record);
    await this.#refreshPeers();
  }

  /** Ends every transfer; the page calls it on pagehide so peers learn at once that it closed. */
  close() {
    this.#engine.cancelAll('closed');
  }

  #peerRecord(peerId) {
    const record = this.#directory.find(peerId);
    if (!record) return null;
    return {
      id: record.peerId, deviceId: record.deviceId, name: record.name, platform: record.platform,
      identityKey: record.identityKey, verification: record.verification, keyChanged: record.verification === Verification.CHANGED,
    };
  }

  // Identities are checked and keys assessed before the new list is published, so no transfer from
  // a refused peer or a device with a changed key can be accepted automatically in between.
  #peersChanged(records) {
    const next = this.#peersUpdate.then(() => this.#publishPeers(records));
    this.#peersUpdate = next.catch(() => {});
    return next;
  }

  #refreshPeers() {
    return this.#peersChanged(undefined);
  }

  async #publishPeers(records) {
    const { changed } = await this.#directory.update(records);
    for (const record of changed) {
      this.dispatchEvent(new CustomEvent('identitychange', { detail: { peer: publicPeer(record), deviceId: record.deviceId } }));
    }
    this.#peers = this.#peerList(this.#directory.records.map(publicPeer));
    this.#refusedPeers = Object.freeze(this.#directory.refused.map(refusedPeer));
    this.#engine.peersChanged();
    this.dispatchEvent(new CustomEvent('peers', { detail: { peers: this.#peers } }));
  }

  // lanvan.peers is an array that also carries what can be done with a peer (docs/client-api.md).
  #peerList(peers) {
    const method = (fn) => ({ value: fn, enumerable: false });
    return Object.freeze(Object.defineProperties(peers, {
      safetyCode: method((peerId) => this.#safetyCode(peerId)),
      markVerified: method((peerId) => this.#markVerified(peerId)),
      forgetVerification: method((peerId) => this.#forgetVerification(peerId)),
      acceptKey: method((peerId) => this.trustPeer(peerId)),
      report: method((peerId, reason) => this.#report(peerId, reason)),
    }));
  }

  #known(peerId) {
    const record = this.#directory.find(peerId);
    if (!record) throw new RangeError(`No device ${peerId} is listed (or its identity did not check out).`);
    return record;
  }

  async #safetyCode(peerId) {
    const record = this.#known(peerId);
    return safetyCode((await this.#identityReady).identityKey, record.identityKey);
  }

  async #markVerified(peerId) {
    await this.#trust.markVerified(this.#known(peerId));
    await this.#refreshPeers();
    return this.#peers.find((p) => p.id === peerId) ?? null;
  }

  async #forgetVerification(peerId) {
    await this.#trust.forget(this.#known(peerId).fingerprint);
    await this.#refreshPeers();
  }

  async #report(peerId, reason) {
    const record = this.#known(peerId);
    const text = String(reason ?? '').trim();
    if (!text) throw new RangeError('Say in a few words why you report this device.');
    if (text.length > MAX_REPORT_CHARS) throw new RangeError(`A report's reason is at most ${MAX_REPORT_CHARS} characters.`);
    let reply;
    try {
      reply = await this.#signaling.request({ type: 'report', deviceId: record.deviceId, reason: text });
    } catch (error) {
      if (error.code === 'unknown-type' || error.code === 'capability-unavailable') {
        throw new SignalingError(error.code, 'This server does not take reports right now, so the report was not received. Tell your administrator instead.');
      }
      throw error;
    }
    if (reply.type !== 'report.received') throw new SignalingError('protocol', `The server answered the report with '${reply.type}'.`);
    return { inReplyTo: reply.inReplyTo };
  }

  #incoming({ transfer, peer, keyChanged }) {
    const from = Object.freeze({ id: peer.id, name: peer.name, platform: peer.platform });
    const detail = {
      transfer,
      from,
      files: transfer.files.map(({ name, size, type }) => ({ name, size, type })),
      keyChanged,
      verification: peer.verification ?? Verification.UNVERIFIED,
      accept: () => transfer.accept(),
      decline: () => transfer.decline(),
    };
    // A device whose key changed is never accepted without asking.
    if (this.autoAccept && !keyChanged) transfer.accept();
    this.dispatchEvent(new CustomEvent('incoming', { detail }));
  }

  #setStatus(status, error = null) {
    if (this.#status === status && status !== Status.REFUSED) return; // a refusal may come with new words
    this.#status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: { status, error } }));
  }
}
