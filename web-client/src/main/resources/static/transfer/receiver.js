// The receiving half of the data path (docs/transfer.md, "Pieces"): checks that chunks come in
// order and add up to the offered sizes, gathers each piece, and verifies it with WebCrypto
// against the piece hashes the sender listed (checked against the file's signed root) before the
// piece is written to storage at its place in the file. A bad piece is thrown away and asked for
// again, up to MAX_PIECE_RESENDS times; then the transfer stops with hash-mismatch. A file counts
// as received once every piece is verified and written. Acknowledges the bytes it has taken in
// every `ackEveryBytes`, so the sender's window moves on. Knows nothing of the DOM; storage is
// injected.
//
// A sink (from openSink) is {write(bytes, at): Promise, close(): Promise, file(): Promise<File>, abort(): Promise};
// write may take `bytes`' buffer over.

import { ChannelError } from './channel.js';
import { fromHex, toHex } from '../encoding.js';
import { MAX_CHUNK_BYTES } from './framing.js';
import {
  ATTEMPT_STRIDE, EMPTY_ROOT, isSha256Hex, MAX_PIECE_RESENDS, PIECE_BYTES, pieceCount, pieceHash, rootOf,
} from './pieces.js';

export const DEFAULT_ACK_EVERY_BYTES = 1024 * 1024;
/** Pieces handed to storage and not yet confirmed; receiving goes on meanwhile. */
const MAX_WRITES_IN_FLIGHT = 4;

export class Receiver {
  #channel;
  #files;
  #openSink;
  #pieceBytes;
  #ackEveryBytes;
  #onProgress;
  #beforeCheck;
  #state = []; // per file: {sink, hashes, pieces, verified, ended, closed}
  #current = 0;
  #nextChunk = 0;
  #fileBytes = 0;
  #assembly = null; // the piece the first pass is filling: {file, piece, bytes, filled}
  #resends = []; // pieces asked for again, in the order asked: the same shape
  #resendCounts = new Map();
  #received = 0;
  #ackedBytes = 0;
  #verifiedBytes = 0;
  #firstPassBytes = 0;
  #writes = [];
  #writeError = null;
  #heardFromSender = false;
  #doneReceived = false;
  #finished = false;
  #result;
  #settle;

  /**
   * @param {object} options
   * @param {{name: string, size: number, type: string, root: string}[]} options.files as offered
   * @param {(index: number) => Promise<object>} options.openSink storage for file `index`
   * @param {(bytes: number) => void} options.onProgress bytes of the files received so far
   * @param {?function({file, piece, attempt, bytes}): void} options.beforePieceCheck test hook: sees (and
   *   may alter) each piece just before it is verified
   */
  constructor({
    channel, files, openSink, pieceBytes = PIECE_BYTES, ackEveryBytes = DEFAULT_ACK_EVERY_BYTES,
    onProgress = () => {}, beforePieceCheck = null,
  }) {
    this.#channel = channel;
    this.#files = files;
    this.#openSink = openSink;
    this.#pieceBytes = pieceBytes;
    this.#ackEveryBytes = ackEveryBytes;
    this.#onProgress = onProgress;
    this.#beforeCheck = beforePieceCheck;
    this.#result = new Promise((resolve) => { this.#settle = resolve; });
  }

  /** Resolves {files: [{name, size, root}], bytes, sinks} once every file is verified. */
  get result() { return this.#result; }

  /** True once the sender has sent anything: until then the route may still change. */
  get heardFromSender() { return this.#heardFromSender; }

  /** Tells the sender this side holds the key and is ready (it may be said more than once). */
  sayReady() {
    return this.#channel.sendControl({ t: 'ready' });
  }

  async handleChunk(file, seq, bytes) {
    this.#heardFromSender = true;
    if (this.#finished) throw new ChannelError('protocol', `Chunk of file ${file} after the end`);
    if (bytes.length === 0 || bytes.length > MAX_CHUNK_BYTES) throw new ChannelError('protocol', 'A chunk of a size no chunk has');
    const attempt = Math.floor(seq / ATTEMPT_STRIDE);
    const assembly = attempt === 0 ? await this.#firstPassChunk(file, seq, bytes) : this.#resentChunk(file, attempt, bytes);
    assembly.bytes.set(bytes, assembly.filled);
    assembly.filled += bytes.length;
    this.#received += bytes.length;
    if (assembly.filled === assembly.bytes.length) {
      if (attempt === 0) this.#assembly = null;
      else this.#resends.shift();
      await this.#settlePiece(assembly);
    }
    if (this.#received - this.#ackedBytes >= this.#ackEveryBytes) await this.#ack();
  }

  async handleControl(message) {
    this.#heardFromSender = true;
    switch (message.t) {
      case 'pieces':
        await this.#pieceHashes(message);
        break;
      case 'file-end':
        await this.#fileEnd(message);
        break;
      case 'done':
        if (this.#doneReceived || this.#current !== this.#files.length) {
          throw new ChannelError('protocol', 'Done before every file was sent');
        }
        this.#doneReceived = true;
        await this.#maybeFinish();
        break;
      default:
        break;
    }
  }

  /** Throws away what was written so far (declined, cancelled or failed transfers). */
  async discard() {
    this.#finished = true;
    await Promise.allSettled(this.#state.filter((s) => s?.sink).map((s) => s.sink.abort()));
  }

  async #firstPassChunk(file, seq, bytes) {
    if (this.#doneReceived || file !== this.#current || seq !== this.#nextChunk) {
      throw new ChannelError('protocol', `Chunk ${seq} of file ${file} came out of order`);
    }
    const { size } = this.#files[file];
    if (this.#fileBytes + bytes.length > size) throw new ChannelError('protocol', `File ${file} is longer than offered`);
    const state = await this.#ensureFile(file);
    if (state.pieces > 1 && state.hashes.length !== state.pieces) {
      throw new ChannelError('protocol', `File ${file} began before its piece hashes`);
    }
    if (!this.#assembly) {
      const piece = Math.floor(this.#fileBytes / this.#pieceBytes);
      this.#assembly = { file, piece, attempt: 0, bytes: new Uint8Array(this.#pieceLength(file, piece)), filled: 0 };
    }
    if (this.#assembly.filled + bytes.length > this.#assembly.bytes.length) {
      throw new ChannelError('protocol', `A chunk of file ${file} straddles two pieces`);
    }
    this.#nextChunk += 1;
    this.#fileBytes += bytes.length;
    this.#firstPassBytes += bytes.length;
    // Progress counts each byte of the files once, as it arrives (resent pieces do not add).
    this.#onProgress(this.#firstPassBytes);
    return this.#assembly;
  }

  #resentChunk(file, attempt, bytes) {
    const head = this.#resends[0];
    if (!head || head.file !== file || head.attempt !== attempt) {
      throw new ChannelError('protocol', `A piece of file ${file} came that was not asked for`);
    }
    head.bytes ??= new Uint8Array(this.#pieceLength(file, head.piece));
    if (head.filled + bytes.length > head.bytes.length) throw new ChannelError('protocol', `A resent piece of file ${file} is too long`);
    return head;
  }

  async #settlePiece({ file, piece, attempt, bytes }) {
    this.#beforeCheck?.({ file, piece, attempt, bytes });
    const state = this.#state[file];
    const hash = await pieceHash(bytes);
    const good = state.pieces === 1 ? await rootOf([hash]) === this.#files[file].root : toHex(hash) === state.hashes[piece];
    if (!good) {
      const count = this.#resendCounts.get(`${file}/${piece}`) ?? 0;
      if (count >= MAX_PIECE_RESENDS) {
        throw new ChannelError('hash-mismatch', `Piece ${piece} of file ${file} failed verification ${count + 1} times`, { file });
      }
      this.#resendCounts.set(`${file}/${piece}`, count + 1);
      this.#resends.push({ file, piece, attempt: count + 1, bytes: null, filled: 0 });
      await this.#channel.sendControl({ t: 'resend', file, piece });
      return;
    }
    const length = bytes.length;
    // Writes of a sink complete in order; up to MAX_WRITES_IN_FLIGHT pieces are pending at once.
    const write = state.sink.write(bytes, piece * this.#pieceBytes).then(
      () => {
        state.verified += 1;
        this.#verifiedBytes += length;
      },
      (error) => { this.#writeError ??= error; },
    );
    this.#writes.push(write);
    if (this.#writes.length >= MAX_WRITES_IN_FLIGHT) await this.#writes.shift();
    this.#checkWrites(file);
    if (state.ended) await this.#maybeClose(file);
  }

  async #pieceHashes({ file, from, sha256 }) {
    if (this.#doneReceived || file !== this.#current || this.#fileBytes > 0) {
      throw new ChannelError('protocol', `Piece hashes of file ${file} out of place`);
    }
    const state = await this.#ensureFile(file);
    if (from !== state.hashes.length || !Array.isArray(sha256) || sha256.length === 0
        || from + sha256.length > state.pieces || !sha256.every(isSha256Hex) || state.pieces < 2) {
      throw new ChannelError('protocol', `Piece hashes of file ${file} do not fit it`);
    }
    state.hashes.push(...sha256);
    if (state.hashes.length === state.pieces && await rootOf(state.hashes.map(fromHex)) !== this.#files[file].root) {
      throw new ChannelError('hash-mismatch', `The piece hashes of file ${file} do not match its signed root`, { file });
    }
  }

  async #fileEnd({ file, size }) {
    const index = this.#current;
    if (this.#doneReceived || file !== index || index >= this.#files.length) {
      throw new ChannelError('protocol', `Unexpected end of file ${file}`);
    }
    const declared = this.#files[index].size;
    if (size !== declared || this.#fileBytes !== declared) {
      throw new ChannelError('protocol', `File ${index} ended at ${this.#fileBytes} of ${declared} bytes`);
    }
    const state = await this.#ensureFile(index);
    if (state.pieces === 0 && this.#files[index].root !== EMPTY_ROOT) {
      throw new ChannelError('hash-mismatch', `File ${index} is empty but its root is not that of nothing`, { file: index });
    }
    state.ended = true;
    this.#current += 1;
    this.#nextChunk = 0;
    this.#fileBytes = 0;
    await this.#maybeClose(index);
    await this.#ack();
  }

  async #ensureFile(index) {
    if (this.#state[index]) return this.#state[index];
    let sink;
    try {
      sink = await this.#openSink(index);
    } catch (error) {
      throw new ChannelError('storage', error?.message || 'No storage', { file: index });
    }
    this.#state[index] = { sink, hashes: [], pieces: pieceCount(this.#files[index].size, this.#pieceBytes), verified: 0, ended: false, closed: false };
    return this.#state[index];
  }

  // A file is kept once its first pass ended and every piece is verified and written.
  async #maybeClose(index) {
    const state = this.#state[index];
    if (!state.ended || state.closed) return;
    await Promise.all(this.#writes.splice(0));
    this.#checkWrites(index);
    if (state.verified !== state.pieces || state.closed) return;
    state.closed = true;
    try {
      await state.sink.close();
    } catch (error) {
      throw new ChannelError('storage', error?.message || 'Saving failed', { file: index });
    }
    await this.#maybeFinish();
  }

  async #maybeFinish() {
    if (!this.#doneReceived || this.#finished || this.#resends.length > 0 || this.#state.some((s) => !s.closed)) return;
    this.#finished = true;
    await this.#ack();
    await this.#channel.sendControl({ t: 'complete' });
    this.#settle({
      files: this.#files.map(({ name, size, root }) => ({ name, size, root })),
      bytes: this.#verifiedBytes,
      sinks: this.#state.map((s) => s.sink),
    });
  }

  #pieceLength(file, piece) {
    return Math.min(this.#pieceBytes, this.#files[file].size - piece * this.#pieceBytes);
  }

  #checkWrites(file) {
    if (this.#writeError) throw new ChannelError('storage', this.#writeError.message || 'Writing failed', { file });
  }

  #ack() {
    this.#ackedBytes = this.#received;
    return this.#channel.sendControl({ t: 'ack', bytes: this.#received });
  }
}
