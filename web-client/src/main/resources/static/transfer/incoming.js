// The receiving side of one transfer: an offer whose key share verifies against the sender's
// identity key → accept (or decline) → the route the sender chooses (its WebRTC offer, or a
// switch to the relay) → chunks written to storage and verified → complete. Files of a transfer
// that does not complete are thrown away. Knows nothing of the DOM.

import { SecureChannel } from './channel.js';
import { deriveTransferKey, generateKeyShare, manifestBinding, offerBinding, signKeyShare, verifyKeyShare } from './crypto.js';
import { transferError } from './outcome.js';
import { Receiver } from './receiver.js';
import { Session } from './session.js';
import { State, TransferError } from './transfer.js';
import { validTicket } from './outgoing.js';

export class IncomingSession extends Session {
  #offer;
  #offerKey = null;
  #key = null;
  #receiver = null;
  #sinks = null;
  #switchedToRelay = false;
  #relaySwitch;
  #ticketArrived;

  constructor(env, { offer, peer }) {
    const self = {};
    super(env, {
      id: offer.transferId, direction: 'receive', peer, route: offer.route, state: State.OFFERED,
      files: offer.files.map(({ name, size, type }, i) => ({ name, size, type, file: () => self.session.fileOf(i) })),
    });
    self.session = this;
    this.#offer = offer;
    this.#relaySwitch = signalOnce();
    this.#ticketArrived = signalOnce();
    // Neither waits for the transfer: what follows shows in its state and done.
    this.transfer.accept = () => { this.accept(); };
    this.transfer.decline = () => { this.decline(); };
    this.transfer.release = () => this.release();
  }

  get manifest() {
    return this.#offer.files.map(({ name, size, type, root }) => ({ name, size, type, root }));
  }

  /** Throws a KeyShareError unless the offer is signed by the identity key announced for the peer. */
  async verify() {
    this.#offerKey = await verifyKeyShare(this.peer.identityKey, {
      role: 'offer', transferId: this.id, binding: await manifestBinding(this.manifest), keyShare: this.#offer.keyShare,
    });
  }

  /** The received File; only once the whole transfer is verified. */
  async fileOf(index) {
    if (!this.#sinks) throw new Error('This file has not been received yet');
    return this.#sinks[index].file();
  }

  /** Declines the offer; `reason` other than 'declined' is a failure code such as 'verification-failed'. */
  decline(reason = 'declined') {
    if (this.state !== State.OFFERED) return;
    this.signal({ type: 'transfer.decline', reason });
    this.fail(reason === 'verification-failed' ? this.tampered('key-share') : reason, { notify: false });
  }

  /** Drops received files from browser storage, once the user is done with them. */
  async release() {
    this.#sinks = null;
    await this.env.storage.discard(this.id);
  }

  onRelayTicket(frame) {
    this.ticket = validTicket(frame.relay);
    if (this.ticket) this.#ticketArrived.fire();
  }

  // The sender decided for the relay. If a direct channel opened here anyway, it is dropped as
  // long as the sender has not used it.
  onRelaySwitch() {
    if (this.#switchedToRelay || this.final) return;
    this.#switchedToRelay = true;
    this.#relaySwitch.fire();
    if (this.channel && this.#receiver && !this.#receiver.heardFromSender) {
      this.channel.close();
      this.channel = null;
      this.#receiver.discard();
      this.#relayThenStream().catch((error) => this.#failWith(error));
    }
  }

  async accept() {
    if (this.state !== State.OFFERED) return;
    this.control.setState(State.CONNECTING);
    try {
      await this.env.storage.ensureSpace(this.transfer.totalBytes);
    } catch (error) {
      this.signal({ type: 'transfer.decline', reason: 'storage' });
      this.fail('storage', { notify: false, detail: error.message });
      return;
    }
    if (this.final) return;
    try {
      const share = await generateKeyShare();
      const keyShare = await signKeyShare(await this.env.identity.privateKey, {
        role: 'accept', transferId: this.id, binding: await offerBinding(this.#offerKey), publicKey: share.publicKey,
      });
      this.#key = await deriveTransferKey(share.keyPair.privateKey, this.#offerKey, this.id);
      if (this.final) return;
      this.signal({ type: 'transfer.accept', keyShare });
      this.accepted = true;
      const transport = await this.#openRoute();
      if (this.final) {
        transport.close();
      } else if (this.#switchedToRelay && transport.route === 'direct') {
        // The sender gave up on WebRTC just as it opened here.
        transport.close();
        await this.#relayThenStream();
      } else {
        await this.#stream(transport);
      }
    } catch (error) {
      this.#failWith(error);
    }
  }

  async #openRoute() {
    const { routes, timing } = this.env;
    if (this.routePreference === 'relay') return this.#relay();
    const direct = new AbortController();
    this.aborter.signal.addEventListener('abort', () => direct.abort(), { once: true });
    const attempt = routes.direct(this.directOptions('answerer', timing.establishTimeoutMs, direct.signal))
      .then((transport) => ({ transport }), (error) => ({ error }));
    const switched = this.#relaySwitch.promise.then(() => ({ relay: true }));
    let outcome = await Promise.race([attempt, switched]);
    if (outcome.error) {
      // A description or certificate the sender did not sign: stop, never wait for the relay.
      if (this.final || outcome.error.code === 'verification-failed') throw outcome.error;
      if (this.routePreference === 'direct') throw transferError('no-route', { peer: this.peer.name, detail: 'direct-only' });
      // Not this side's call: the sender switches to the relay or gives up.
      outcome = await Promise.race([switched, this.#timeout(timing.establishTimeoutMs)]);
    }
    if (outcome.relay) {
      direct.abort();
      attempt.then(({ transport }) => transport?.close());
      return this.#relay();
    }
    return outcome.transport;
  }

  async #relay() {
    if (!this.ticket) await Promise.race([this.#ticketArrived.promise, this.#timeout(this.env.timing.ticketTimeoutMs)]);
    return this.openRelay();
  }

  async #relayThenStream() {
    const transport = await this.#relay();
    if (this.final) transport.close();
    else await this.#stream(transport);
  }

  async #stream(transport) {
    this.control.setRoute(transport.route);
    const channel = new SecureChannel({
      transport, key: this.#key, transferId: this.id, role: 'receiver', counters: this.counters,
      handlers: {
        chunk: (file, index, bytes) => (this.final ? undefined : receiver.handleChunk(file, index, bytes)),
        control: (message) => {
          if (this.final) return undefined;
          return message.t === 'cancel' ? this.peerCancelled(message.reason, message.file) : receiver.handleControl(message);
        },
        error: (error) => this.channelFailed(error),
        close: (info) => this.channelClosed(info),
      },
    });
    const receiver = new Receiver({
      channel,
      files: this.manifest,
      openSink: (index) => this.env.storage.openSink(this.id, index, this.manifest[index]),
      beforePieceCheck: this.env.beforePieceCheck,
      ackEveryBytes: this.env.ackEveryBytes,
      onProgress: (bytes) => this.control.progress(bytes),
    });
    this.channel = channel;
    this.#receiver = receiver;
    this.startedAt = this.env.now();
    this.control.setState(State.TRANSFERRING);
    // On the relay, "ready" may reach it before the sender is connected; say it until heard.
    const sayReady = () => {
      if (this.final || this.channel !== channel || receiver.heardFromSender) return;
      receiver.sayReady().catch(() => {});
      this.later(sayReady, this.env.timing.readyResendMs);
    };
    sayReady();
    const result = await receiver.result;
    if (this.final || this.channel !== channel) return;
    this.#sinks = result.sinks;
    this.complete({ route: transport.route, bytes: result.bytes, ms: Math.round(this.env.now() - this.startedAt), files: result.files });
  }

  cleanUp(error, options) {
    super.cleanUp(error, options);
    if (error) {
      this.#receiver?.discard();
      this.env.storage.discard(this.id).catch(() => {});
    }
  }

  #timeout(ms) {
    const timeout = new Promise((resolve, reject) => {
      this.later(() => reject(transferError('no-route', { peer: this.peer.name })), ms);
    });
    timeout.catch(() => {}); // only the race it is part of cares
    return timeout;
  }

  #failWith(error) {
    if (this.routeLost) return; // channelClosed() settles it
    if (error?.code === 'route-closed') this.routeClosedUnderSend();
    else if (error instanceof TransferError) this.fail(error);
    else this.fail(error?.code ?? 'connection-lost', { file: error?.file ?? null, detail: error?.code ? '' : error?.message });
  }
}

function signalOnce() {
  let fire;
  const promise = new Promise((resolve) => { fire = resolve; });
  return { promise, fire };
}
