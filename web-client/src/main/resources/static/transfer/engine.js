// All transfers of this page: starts outgoing ones, turns offers from peers into incoming ones,
// and routes the signaling frames of docs/protocol.md ("Transfers", "WebRTC signaling") to the
// session they belong to. Knows nothing of the DOM: signaling, peers, routes (WebRTC, relay) and
// storage are injected, so node --test drives it with fakes.
//
// Events: 'transfer' {transfer} whenever a transfer appears (sent or offered to us),
//         'incoming' {transfer, peer, keyChanged} for an offer whose signature checked out.

import { IncomingSession } from './incoming.js';
import { checkManifest, describeFiles, isTransferId, ROUTES } from './manifest.js';
import { OutgoingSession } from './outgoing.js';
import { isSha256Hex } from './pieces.js';
import { DEFAULT_ACK_EVERY_BYTES } from './receiver.js';
import { DEFAULT_WINDOW_BYTES } from './sender.js';
import { randomId } from '../encoding.js';
import { NO_POLICY, refusalOf, routeUnder } from '../policy.js';

export const DEFAULT_TIMING = Object.freeze({
  directTimeoutMs: 10_000, // WebRTC must open within this, or "auto" moves to the relay
  establishTimeoutMs: 30_000, // the receiver's limit for the sender's choice of route
  readyTimeoutMs: 30_000, // from an open route to the receiver's "ready"
  readyResendMs: 2_000,
  ticketTimeoutMs: 10_000, // for transfer.relay to arrive at the receiver
  closeGraceMs: 5_000, // the receiver keeps a finished channel open this long for the sender to close it
  flushTimeoutMs: 1_000, // at most this long for a cancel to leave on the data channel before it closes
  routeLostGraceMs: 1_500, // after the route closed unexpectedly, how long a cancel or the peer's leaving may take to arrive
});

const systemClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id),
};

export class TransferEngine extends EventTarget {
  #env;
  #sessions = new Map();
  #newId;

  /**
   * @param {object} deps
   * @param {{send(frame: object, options?: {onError?: Function}): boolean, unavailable?: ?Error}} deps.signaling
   * @param {{privateKey: CryptoKey}} deps.identity
   * @param {{get(peerId: string): ?{id, name, platform, identityKey, keyChanged}}} deps.peers
   * @param {{direct(options): Promise, relay(options): Promise, iceServers(): object[], relayAvailable(): boolean}} deps.routes
   * @param {{ensureSpace(bytes): Promise, openSink(transferId, index, file): Promise, discard(transferId): Promise}} deps.storage
   * @param {?function({file, piece, attempt, bytes}): void} deps.beforePieceCheck test-only: sees each received piece
   *   just before it is verified, and may alter it
   */
  constructor({
    signaling, identity, peers, routes, storage, timing = {}, beforePieceCheck = null,
    windowBytes = DEFAULT_WINDOW_BYTES, ackEveryBytes = DEFAULT_ACK_EVERY_BYTES, clock = systemClock, newId = () => randomId(16),
  }) {
    super();
    this.#newId = newId;
    this.#env = {
      signaling, identity, peers, routes, storage, beforePieceCheck, windowBytes, ackEveryBytes,
      timing: { ...DEFAULT_TIMING, ...timing },
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
      forget: (session) => this.#sessions.delete(session.id),
    };
  }

  /** Transfers that have not ended yet. */
  get active() {
    return [...this.#sessions.values()].map((session) => session.transfer);
  }

  /**
   * Offers `files` to `peerId`. Throws a TypeError for unusable arguments; a peer that is not
   * there gives a transfer that has already failed with 'peer-left'.
   */
  send(peerId, files, { route = 'auto' } = {}) {
    if (!ROUTES.includes(route)) throw new TypeError(`route must be one of ${ROUTES.join(', ')}`);
    const described = describeFiles(files);
    checkManifest(described);
    const peer = this.#env.peers.get(peerId);
    // The server's policy: refused here, before any offer, with the server's wording.
    const policy = this.#env.routes.policy?.() ?? NO_POLICY;
    const allowed = routeUnder(policy, route);
    const refusal = refusalOf(policy, described) ?? allowed.refusal ?? null;
    // Not signed in (the connection dropped, or signaling is stopped): say so rather than blame the peer.
    const unavailable = this.#env.signaling.unavailable ?? null;
    const session = new OutgoingSession(this.#env, {
      id: this.#newId(), files: described, route: allowed.route ?? route,
      peer: peer ?? { id: String(peerId), name: 'That device', platform: 'other' },
    });
    this.#announce(session);
    if (refusal) {
      session.fail('policy', { notify: false, detail: `${refusal}.` });
    } else if (unavailable) {
      session.fail(unavailable.code === 'disconnected' ? 'connection-lost' : 'unavailable',
        { notify: false, detail: unavailable.code === 'disconnected' ? 'server' : unavailable.message });
    } else if (!peer) {
      session.fail('peer-left', { notify: false, byPeer: true });
    } else {
      this.#sessions.set(session.id, session);
      session.start();
    }
    return session.transfer;
  }

  /** A frame from the signaling server (only transfer.* and signal concern the engine). */
  handleFrame(frame) {
    const session = this.#sessions.get(frame.transferId);
    const fromPeer = session && frame.from === session.peer.id;
    switch (frame.type) {
      case 'transfer.offer':
        if (!session) this.#offered(frame);
        break;
      case 'transfer.accept':
        if (fromPeer && session instanceof OutgoingSession) session.onAccept(frame);
        break;
      case 'transfer.decline':
        if (fromPeer && session instanceof OutgoingSession) session.peerDeclined(frame.reason);
        break;
      case 'transfer.relay':
        if (session instanceof IncomingSession) session.onRelayTicket(frame);
        break;
      case 'transfer.cancel':
        if (fromPeer) session.peerCancelled(typeof frame.reason === 'string' ? frame.reason : 'cancelled');
        break;
      case 'signal':
        if (fromPeer) session.handleSignal(frame.data);
        break;
      default:
        break;
    }
  }

  /** Call after the peer list changed: transfers with a peer that left end (before data flows). */
  peersChanged() {
    for (const session of [...this.#sessions.values()]) {
      if (!this.#env.peers.get(session.peer.id)) session.peerLeft();
    }
  }

  /**
   * The server can no longer pass frames on (its signaling capability stopped): transfers that
   * still need it end with `error`'s reason, without blaming the peer; live data channels go on.
   */
  serverUnavailable(error) {
    for (const session of [...this.#sessions.values()]) session.signalingFailed(error);
  }

  /** Ends every transfer, telling peers why (e.g. 'closed' when the page goes away). */
  cancelAll(reason = 'cancelled') {
    for (const session of [...this.#sessions.values()]) session.fail('cancelled', { reason });
  }

  async #offered(frame) {
    const peer = this.#env.peers.get(frame.from);
    const declineAtOnce = (reason) => this.#env.signaling.send(
      { type: 'transfer.decline', to: frame.from, transferId: frame.transferId, reason }, { onError: () => {} },
    );
    if (!peer || !isTransferId(frame.transferId)) {
      if (isTransferId(frame.transferId)) declineAtOnce('unknown-peer');
      return;
    }
    try {
      checkManifest(frame.files, frame.totalBytes);
      if (!ROUTES.includes(frame.route)) throw new TypeError('route');
      if (!frame.files.every((file) => isSha256Hex(file.root))) throw new TypeError('root');
    } catch {
      declineAtOnce('invalid');
      return;
    }
    const session = new IncomingSession(this.#env, { offer: frame, peer });
    this.#sessions.set(session.id, session);
    try {
      await session.verify();
    } catch {
      this.#announce(session);
      session.decline('verification-failed');
      return;
    }
    this.#announce(session);
    this.dispatchEvent(new CustomEvent('incoming', { detail: { transfer: session.transfer, peer, keyChanged: Boolean(peer.keyChanged) } }));
  }

  #announce(session) {
    this.dispatchEvent(new CustomEvent('transfer', { detail: { transfer: session.transfer } }));
  }
}
