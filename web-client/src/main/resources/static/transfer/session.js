// What both sides of a transfer share: the Transfer object they drive, signaling addressed to the
// peer, the relay ticket, the encrypted channel, and how a transfer ends (cancel, peer gone,
// failure), including telling the peer and the server. OutgoingSession and IncomingSession add
// their side's steps. Knows nothing of the DOM.

import { isFinal, State, Transfer } from './transfer.js';
import { transferError } from './outcome.js';
import { signDescription, verifyDescription } from './crypto.js';

/** Failure codes a peer may give as the reason of its cancel; anything else reads as 'cancelled'. */
const PEER_REASONS = new Set([
  'cancelled', 'no-route', 'hash-mismatch', 'integrity', 'protocol', 'storage', 'verification-failed', 'connection-lost',
]);

export class Session {
  /** @param {object} env the engine's dependencies (see engine.js) */
  constructor(env, { id, direction, peer, files, route, state }) {
    this.env = env;
    this.id = id;
    this.peer = peer;
    this.routePreference = route;
    this.counters = { control: 0 };
    this.aborter = new AbortController();
    this.channel = null;
    this.ticket = null;
    this.accepted = false;
    this.startedAt = null;
    this.routeLost = false; // the route closed under a running transfer; why is not known yet
    this.signalHandlers = new Set();
    this.timers = new Set();
    const created = Transfer.create({
      id, direction, files, state,
      peer: { id: peer.id, name: peer.name, platform: peer.platform },
      onCancel: () => this.fail('cancelled'),
      now: env.now,
    });
    this.transfer = created.transfer;
    this.control = created.control;
  }

  get final() { return isFinal(this.control.state); }
  get state() { return this.control.state; }

  /** Sends a signaling frame about this transfer to the peer; a server error frame fails it. */
  signal(frame) {
    this.env.signaling.send({ ...frame, to: this.peer.id, transferId: this.id }, {
      onError: (error) => this.signalingFailed(error),
    });
  }

  signalingFailed(error) {
    if (this.final) return;
    if (error.code === 'disconnected') {
      // A live data channel does not need the server; anything earlier does.
      if (this.state !== State.TRANSFERRING) this.fail('connection-lost', { notify: false, detail: 'server' });
    } else if (error.code === 'capability-unavailable') {
      // Hot swap: the server's side stopped, not the peer; a live data channel goes on without it.
      if (this.state !== State.TRANSFERRING) this.fail('unavailable', { notify: false, detail: error.message });
    } else if (error.code === 'peer-unavailable') this.fail('peer-left', { notify: false, byPeer: true });
    else if (error.code === 'relay-unavailable') this.fail('no-route');
    else if (error.code === 'policy-refused') this.fail('policy', { notify: false, detail: policyMessage(error.message) });
    else this.fail('protocol', { detail: error.message });
  }

  /** `signal` frames for this transfer: WebRTC descriptions and candidates, or a route change. */
  handleSignal(data) {
    if (data === null || typeof data !== 'object') return;
    if (data.route === 'relay') {
      this.onRelaySwitch?.();
      return;
    }
    for (const handler of this.signalHandlers) handler(data);
  }

  /**
   * Options for routes.direct() (transfer/webrtc.js): descriptions go out signed with this device's
   * identity key and come in only when signed by the peer's (docs/transfer.md, "Binding the direct path").
   */
  directOptions(role, timeoutMs, abortSignal) {
    return {
      transferId: this.id,
      role,
      iceServers: this.env.routes.iceServers(),
      timeoutMs,
      abortSignal,
      signDescription: async (description) => signDescription(await this.env.identity.privateKey, { transferId: this.id, description }),
      verifyDescription: async (description, signature) => {
        try {
          return await verifyDescription(this.peer.identityKey, { transferId: this.id, description, signature });
        } catch {
          throw this.tampered('connection');
        }
      },
      certificateMismatch: () => this.tampered('certificate'),
      sendSignal: (data) => this.signal({ type: 'signal', data }),
      onSignal: (handler) => {
        this.signalHandlers.add(handler);
        return () => this.signalHandlers.delete(handler);
      },
    };
  }

  /**
   * The error for something the peer's identity key does not vouch for: its key share ('key-share'),
   * the description of its direct connection ('connection'), or the certificate it presented
   * ('certificate'). Only the server (or something between) can have changed it: it is said so,
   * with whether the person has verified this peer (peer.verification, where the page keeps it).
   */
  tampered(what) {
    const peer = this.env.peers.get(this.peer.id) ?? this.peer;
    return transferError('verification-failed', {
      peer: this.peer.name, direction: this.transfer.direction, detail: what, verification: verificationOf(peer),
    });
  }

  async openRelay() {
    if (!this.ticket) throw transferError('no-route', { peer: this.peer.name });
    return this.env.routes.relay({ transferId: this.id, ticket: this.ticket, abortSignal: this.aborter.signal });
  }

  /** The peer cancelled, with `reason` from transfer.cancel or a cancel control message. */
  peerCancelled(reason, file) {
    if (reason === 'closed' || reason === 'peer-left') { // 'peer-left': the server's, for a peer that disconnected
      this.fail('peer-left', { notify: false, byPeer: true, detail: reason === 'closed' ? 'closed' : '' });
      return;
    }
    const code = PEER_REASONS.has(reason) ? reason : 'cancelled';
    const detail = code === 'no-route' && this.routePreference === 'direct' ? 'direct-only' : '';
    this.fail(code, { notify: false, byPeer: true, file, detail });
  }

  /** The peer is no longer in our rooms. Once data flows, the channel itself tells (see channelClosed). */
  peerLeft() {
    if (this.final || (this.state === State.TRANSFERRING && !this.routeLost)) return;
    this.fail('peer-left', { notify: false, byPeer: true });
  }

  /**
   * The route closed before the transfer ended. The peer's cancel (through the server) or its
   * leaving the peer list may arrive a moment after the close, so those get routeLostGraceMs to
   * say why; only then is it 'connection-lost'.
   */
  channelClosed(info = {}) {
    if (this.final || this.routeLost) return;
    // The relay closes its connections with 1001 when an admin stops its capability (or the server
    // shuts down): the server's doing, not the peer's, and the peer hears the same close.
    if (info.code === 1001 && this.channel?.route === 'relay') {
      this.fail('unavailable', { notify: false, detail: RELAY_STOPPED });
      return;
    }
    if (!this.env.peers.get(this.peer.id)) {
      this.#routeLostFor();
      return;
    }
    this.routeLost = true;
    this.later(() => this.#routeLostFor(), this.env.timing.routeLostGraceMs);
  }

  /** The secure channel failed: a bad frame, a mismatch, storage, or the route gone under a send. */
  channelFailed(error) {
    if (error.code === 'route-closed') this.routeClosedUnderSend();
    else this.fail(error.code, { file: error.file, detail: error.code === 'protocol' ? error.message : '' });
  }

  /**
   * Sending failed because the route is gone. The close event saying why (the relay stopping, the
   * peer leaving) can arrive just after; channelClosed() decides once it does, or after the grace.
   */
  routeClosedUnderSend() {
    if (this.final || this.routeLost) return;
    this.later(() => { if (!this.routeLost) this.#routeLostFor(); }, this.env.timing.routeLostGraceMs);
  }

  /** The route is gone and nothing said why: the peer left, or the connection was lost. */
  #routeLostFor() {
    if (this.final) return;
    const gone = !this.env.peers.get(this.peer.id);
    this.fail(gone ? 'peer-left' : 'connection-lost', { notify: !gone, byPeer: gone });
  }

  /**
   * Ends the transfer with `code`. With notify, the peer hears of it on the data channel and
   * through the server; `reason` overrides what it is told (e.g. 'closed' when the page goes away).
   */
  fail(code, { notify = true, byPeer = false, file = null, detail = '', reason } = {}) {
    if (this.final) return;
    const error = code instanceof Error ? code : transferError(code, {
      peer: this.peer.name, file: this.fileName(file), byPeer, direction: this.transfer.direction, detail,
    });
    this.control.fail(error); // first: whatever follows may call back into fail()
    // The report ends the transfer in the server's ledger, after which it forwards no cancel: so
    // when the peer is to be told, the report follows the server's copy of the cancel.
    const report = () => {
      if (this.accepted) this.report(error.code === 'cancelled' ? 'cancelled' : 'failed', error.code);
    };
    if (notify) this.notifyPeer(reason ?? error.code, file, report);
    this.aborter.abort(error);
    this.cleanUp(error, { channelBusy: notify });
    if (!notify) report();
  }

  // The data channel carries the details (which file failed), so when it is open the cancel goes
  // there first and the server's copy follows 300 ms after it has left (a page that is closing
  // tells the server at once). The channel closes only once the cancel has left this side, or
  // after flushTimeoutMs: closing earlier could drop it, and the peer would see a lost connection.
  notifyPeer(reason, file, afterServer = () => {}) {
    const channel = this.channel;
    const tellServer = () => {
      this.signal({ type: 'transfer.cancel', reason });
      afterServer();
    };
    if (!channel || channel.closed) {
      tellServer();
      channel?.close();
      return;
    }
    if (reason === 'closed') tellServer();
    const message = Number.isInteger(file) ? { t: 'cancel', reason, file } : { t: 'cancel', reason };
    let timer;
    const bound = new Promise((resolve) => { timer = this.env.setTimeout(resolve, this.env.timing.flushTimeoutMs); });
    const flushed = channel.sendControl(message).then(() => channel.flush());
    Promise.race([flushed, bound]).catch(() => {}).finally(() => {
      this.env.clearTimeout(timer);
      channel.close();
      if (reason !== 'closed') this.env.setTimeout(tellServer, 300);
    });
  }

  complete(result) {
    this.control.complete(result);
    this.report('completed');
    this.cleanUp(null);
  }

  report(outcome, reason) {
    const frame = {
      type: 'transfer.report', transferId: this.id, outcome,
      bytes: this.control.state === State.COMPLETED ? this.transfer.totalBytes : this.transfer.progress.bytes,
      ms: this.startedAt === null ? 0 : Math.max(0, Math.round(this.env.now() - this.startedAt)),
    };
    if (this.transfer.route) frame.route = this.transfer.route;
    if (reason) frame.reason = reason;
    this.env.signaling.send(frame, { onError: () => {} });
  }

  /**
   * Lets go of what this side holds. After a success the channel stays open a moment (the sender
   * closes it, the receiver waits for that); after a failure it closes unless a cancel is on its way.
   */
  cleanUp(error, { channelBusy = false } = {}) {
    for (const timer of this.timers) this.env.clearTimeout(timer);
    this.timers.clear();
    this.signalHandlers.clear();
    const channel = this.channel;
    if (channel && !error) this.env.setTimeout(() => channel.close(), this.transfer.direction === 'send' ? 0 : this.env.timing.closeGraceMs);
    else if (channel && !channelBusy) channel.close();
    this.env.forget(this);
  }

  later(fn, ms) {
    const timer = this.env.setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  fileName(index) {
    return Number.isInteger(index) ? this.transfer.files[index]?.name : undefined;
  }
}

const RELAY_STOPPED = "The server's relay stopped during the transfer (its capability was stopped, or the server is "
  + 'restarting), so the transfer ended. Send again once it is back, or send directly.';

/** 'verified', 'unverified', or undefined when the page keeps no verification state for peers. */
function verificationOf(peer) {
  const state = peer?.verification;
  if (state === undefined || state === null) return undefined;
  const verified = state === 'verified' || state === true || state?.verified === true || state?.state === 'verified';
  return verified ? 'verified' : 'unverified';
}

/** The server's policy-refused message as a sentence. */
function policyMessage(message) {
  const text = String(message ?? '').trim();
  if (!text) return "The server's policy does not allow this transfer.";
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
