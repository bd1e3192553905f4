// The encrypted data path of one transfer, over any transport (WebRTC data channel or relay
// WebSocket): seals outgoing frames in order, opens incoming ones in order, and enforces which
// side may send which kind of frame and that control counters only grow (no replay). Knows
// nothing of the DOM.
//
// A transport is {route, maxMessageSize, send(bytes), ready(bytes): Promise, flush?(): Promise,
// close(), onmessage(ArrayBuffer), onclose({code, reason})}; ready() resolves when `bytes` more may
// be queued without passing the route's high-water mark (backpressure); flush() when nothing sent
// is still buffered here (so a close that follows does not drop it).

import { openFrame, sealFrame } from './crypto.js';
import { controlStream, decodeControl, encodeControl, FrameError, Kind } from './framing.js';

/** A failure on the data path; `code` is a TransferError code, `file` the file index it concerns. */
export class ChannelError extends Error {
  /** @param {'integrity'|'protocol'|'hash-mismatch'|'storage'|'route-closed'} code */
  constructor(code, message, { file = null } = {}) {
    super(message);
    this.name = 'ChannelError';
    this.code = code;
    this.file = file;
  }
}

export class SecureChannel {
  #transport;
  #key;
  #transferId;
  #role;
  #counters;
  #handlers;
  #lastControlSeq = -1;
  #sending = Promise.resolve();
  #receiving = Promise.resolve();
  #closed = false; // no more sending
  #closedHere = false; // this side closed: what still arrives is dropped

  /**
   * @param {object} options
   * @param {'sender'|'receiver'} options.role
   * @param {{control: number}} options.counters outgoing control counter, kept by the transfer so
   *   that it continues (and nonces never repeat) when a transfer moves to another transport
   * @param {{chunk?(file, index, bytes): Promise|void, control(message): Promise|void, error(ChannelError): void, close(info): void}} options.handlers
   */
  constructor({ transport, key, transferId, role, counters, handlers }) {
    this.#transport = transport;
    this.#key = key;
    this.#transferId = transferId;
    this.#role = role;
    this.#counters = counters;
    this.#handlers = handlers;
    transport.onmessage = (data) => {
      this.#receiving = this.#receiving.then(() => this.#receive(data));
    };
    // The other side closed: frames that arrived before the close (its cancel, say) are still
    // handled, then the close is reported.
    transport.onclose = (info) => {
      if (this.#closed) return;
      this.#closed = true;
      this.#receiving = this.#receiving.then(() => {
        if (!this.#closedHere) this.#handlers.close(info ?? {});
      });
    };
  }

  get route() { return this.#transport.route; }
  get maxMessageSize() { return this.#transport.maxMessageSize; }
  get closed() { return this.#closed; }

  /** Sends chunk `index` of file `file`; resolves once it is queued on the transport. */
  sendChunk(file, index, bytes) {
    if (this.#role !== 'sender') throw new Error('Only the sender sends chunks');
    return this.#send({ kind: Kind.CHUNK, stream: file, seq: index }, bytes);
  }

  sendControl(message) {
    const kind = this.#role === 'sender' ? Kind.SENDER_CONTROL : Kind.RECEIVER_CONTROL;
    const payload = encodeControl(message);
    return this.#send(() => ({ kind, stream: controlStream(kind), seq: this.#counters.control++ }), payload);
  }

  /**
   * Resolves once everything asked to be sent so far has left this side's buffers (at once on a
   * transport that cannot tell); rejects if the channel closes first. Callers bound the wait.
   */
  async flush() {
    await this.#sending;
    if (this.#closed) throw new ChannelError('protocol', 'The channel is closed');
    await this.#transport.flush?.();
  }

  close() {
    this.#closed = true;
    this.#closedHere = true;
    try {
      this.#transport.close();
    } catch {
      // Already closed.
    }
  }

  // Sends are chained so frames leave in the order they were asked for, whatever the time each
  // encryption takes; a control counter is taken only when its turn comes.
  #send(fields, payload) {
    const result = this.#sending.then(async () => {
      if (this.#closed) throw new ChannelError('protocol', 'The channel is closed');
      const frameFields = typeof fields === 'function' ? fields() : fields;
      const frame = await sealFrame(this.#key, this.#transferId, frameFields, payload);
      try {
        await this.#transport.ready(frame.byteLength);
        if (this.#closed) throw new ChannelError('protocol', 'The channel is closed');
        this.#transport.send(frame);
      } catch (error) {
        if (error instanceof ChannelError) throw error;
        // The route went away under the send; its close event, which says why, may still be on its way.
        throw new ChannelError('route-closed', error?.message ?? 'The route closed');
      }
    });
    this.#sending = result.catch(() => {});
    return result;
  }

  async #receive(data) {
    if (this.#closedHere) return;
    let frame;
    try {
      frame = await openFrame(this.#key, this.#transferId, data);
    } catch (error) {
      this.#fail(error instanceof FrameError
        ? new ChannelError('protocol', error.message)
        : new ChannelError('integrity', 'A frame failed authentication'));
      return;
    }
    try {
      await this.#dispatch(frame);
    } catch (error) {
      this.#fail(error instanceof ChannelError ? error : new ChannelError('protocol', error.message));
    }
  }

  async #dispatch({ kind, stream, seq, payload }) {
    const expected = this.#role === 'sender' ? [Kind.RECEIVER_CONTROL] : [Kind.CHUNK, Kind.SENDER_CONTROL];
    if (!expected.includes(kind)) throw new ChannelError('protocol', `Unexpected frame kind ${kind}`);
    if (kind === Kind.CHUNK) {
      // After a close only control messages matter: chunks can no longer complete anything.
      if (!this.#closed) await this.#handlers.chunk(stream, seq, payload);
      return;
    }
    if (seq <= this.#lastControlSeq) throw new ChannelError('protocol', 'A control message was replayed');
    this.#lastControlSeq = seq;
    await this.#handlers.control(decodeControl(payload));
  }

  #fail(error) {
    if (this.#closed) return;
    this.#handlers.error(error);
  }
}
