// The sending side of one transfer: offer with a signed key share → the peer's accept (its share
// verified against the identity key the server announced) → a route: WebRTC first, the relay when
// WebRTC does not open within the time limit (route "auto"), or one of them only → encrypted
// chunks → the receiver's confirmation. Knows nothing of the DOM.

import { SecureChannel } from './channel.js';
import { chunkSizeFor } from './chunker.js';
import {
  deriveTransferKey, generateKeyShare, manifestBinding, offerBinding, signKeyShare, verifyKeyShare,
} from './crypto.js';
import { transferError } from './outcome.js';
import { hashPieces } from './pieces.js';
import { Sender } from './sender.js';
import { Session } from './session.js';
import { State, TransferError } from './transfer.js';

export class OutgoingSession extends Session {
  #files;
  #share = null;
  #sender = null;

  /** @param {{name: string, size: number, type: string, blob: Blob}[]} files (start() adds hashes and root) */
  constructor(env, { id, peer, files, route }) {
    super(env, {
      id, direction: 'send', peer, route, state: State.OFFERED,
      files: files.map(({ name, size, type, blob }) => ({ name, size, type, file: async () => blob })),
    });
    this.#files = files;
  }

  /** The files as offered, each with its piece root (known once start() has hashed the pieces). */
  get manifest() {
    return this.#files.map(({ name, size, type, root }) => ({ name, size, type, root }));
  }

  async start() {
    try {
      if (this.routePreference === 'relay' && !this.env.routes.relayAvailable()) {
        throw transferError('no-route', { peer: this.peer.name, detail: 'relay-only' });
      }
      // The offer signs each file's piece root, so every piece is read and hashed first
      // (WebCrypto; docs/transfer.md, "Pieces" has the speed).
      for (const file of this.#files) {
        Object.assign(file, await hashPieces(file.blob));
        if (this.final) return;
      }
      this.#share = await generateKeyShare();
      const keyShare = await signKeyShare(await this.env.identity.privateKey, {
        role: 'offer', transferId: this.id, binding: await manifestBinding(this.manifest), publicKey: this.#share.publicKey,
      });
      if (this.final) return;
      this.signal({
        type: 'transfer.offer', route: this.routePreference, files: this.manifest,
        totalBytes: this.transfer.totalBytes, keyShare,
      });
    } catch (error) {
      this.fail(error instanceof TransferError ? error : 'protocol', { notify: false, detail: error.message });
    }
  }

  /** The peer declined; a reason such as 'verification-failed' or 'storage' says why. */
  peerDeclined(reason) {
    if (this.state !== State.OFFERED) return;
    if (reason === 'verification-failed' || reason === 'storage') this.fail(reason, { notify: false, byPeer: true });
    else this.fail('declined', { notify: false, byPeer: true });
  }

  async onAccept(frame) {
    if (this.state !== State.OFFERED || !this.#share) return;
    this.accepted = true;
    this.control.setState(State.CONNECTING);
    this.ticket = validTicket(frame.relay);
    let key;
    try {
      const peerShare = await verifyKeyShare(this.peer.identityKey, {
        role: 'accept', transferId: this.id, binding: await offerBinding(this.#share.publicKey), keyShare: frame.keyShare,
      });
      key = await deriveTransferKey(this.#share.keyPair.privateKey, peerShare, this.id);
    } catch {
      this.fail(this.tampered('key-share'));
      return;
    }
    try {
      const transport = await this.#openRoute();
      if (this.final) {
        transport.close();
        return;
      }
      await this.#stream(transport, key);
    } catch (error) {
      if (this.routeLost) return; // channelClosed() settles it
      if (error?.code === 'route-closed') this.routeClosedUnderSend();
      else if (error instanceof TransferError) this.fail(error);
      else this.fail(error?.code ?? 'connection-lost', { file: error?.file ?? null });
    }
  }

  async #openRoute() {
    const { routes, timing } = this.env;
    if (this.routePreference === 'relay') return this.openRelay();
    try {
      return await routes.direct(this.directOptions('offerer', timing.directTimeoutMs, this.aborter.signal));
    } catch (error) {
      // A description or certificate the peer did not sign: stop, never fall back to the relay.
      if (this.final || error?.code === 'verification-failed') throw error;
      if (this.routePreference === 'direct') throw transferError('no-route', { peer: this.peer.name, detail: 'direct-only' });
      if (!this.ticket) throw transferError('no-route', { peer: this.peer.name });
      // The receiver follows the sender's choice, so both end up on the relay.
      this.signal({ type: 'signal', data: { route: 'relay' } });
      return this.openRelay();
    }
  }

  async #stream(transport, key) {
    this.control.setRoute(transport.route);
    const readyTimer = this.later(() => this.fail('connection-lost'), this.env.timing.readyTimeoutMs);
    this.channel = new SecureChannel({
      transport, key, transferId: this.id, role: 'sender', counters: this.counters,
      handlers: {
        control: (message) => {
          if (this.final) return undefined;
          if (message.t === 'cancel') return this.peerCancelled(message.reason, message.file);
          if (message.t === 'ready' && this.state === State.CONNECTING) {
            this.env.clearTimeout(readyTimer);
            this.startedAt = this.env.now();
            this.control.setState(State.TRANSFERRING);
          }
          return this.#sender.handleControl(message);
        },
        error: (error) => this.channelFailed(error),
        close: (info) => this.channelClosed(info),
      },
    });
    this.#sender = new Sender({
      channel: this.channel,
      files: this.#files,
      chunkSize: chunkSizeFor(transport.maxMessageSize),
      windowBytes: this.env.windowBytes,
      onProgress: (bytes) => this.control.progress(bytes),
    });
    this.aborter.signal.addEventListener('abort', () => this.#sender.abort(this.aborter.signal.reason), { once: true });
    const result = await this.#sender.run();
    this.complete({
      route: transport.route,
      bytes: result.bytes,
      ms: Math.round(this.env.now() - this.startedAt),
      files: result.files,
    });
  }
}

/** A relay ticket is usable only on this origin: a path and a token. */
export function validTicket(relay) {
  if (!relay || typeof relay.url !== 'string' || typeof relay.token !== 'string') return null;
  if (!relay.url.startsWith('/') || relay.url.startsWith('//')) return null;
  return { url: relay.url, token: relay.token };
}
