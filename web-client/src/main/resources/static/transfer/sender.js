// The sending half of the data path (docs/transfer.md, "Pieces"): for each file, the hashes of its
// pieces (when it has more than one), then its chunks, cut so that no chunk straddles two pieces,
// then a file-end; then done. The receiver verifies each piece and may ask for one again
// (`resend`, at most MAX_PIECE_RESENDS times a piece): it is read from the file again and sent
// between two pieces, or after done, until the receiver's complete. Flow control is a window: at
// most `windowBytes` may be sent and not yet acknowledged as taken in by the receiver (acks come
// every MiB or so, never per chunk), on top of the transport's own bufferedAmount backpressure.
// Knows nothing of the DOM.

import { ChannelError } from './channel.js';
import {
  ATTEMPT_STRIDE, HASHES_PER_MESSAGE, MAX_PIECE_RESENDS, PIECE_BYTES, pieceCount, piecePlan, readPiece, readPieces,
} from './pieces.js';
import { toHex } from '../encoding.js';

export const DEFAULT_WINDOW_BYTES = 16 * 1024 * 1024;

export class Sender {
  #channel;
  #files;
  #chunkSize;
  #pieceBytes;
  #windowBytes;
  #onProgress;
  #total;
  #sent = 0;
  #acked = 0;
  #progress = 0;
  #firstPass = { file: 0, pieces: 0 }; // how far the first pass went: pieces of `file` sent
  #resends = [];
  #resendCounts = new Map();
  #completed = false;
  #ready = deferred();
  #complete = deferred();
  #wake = null;
  #aborted = null;

  /**
   * @param {object} options
   * @param {import('./channel.js').SecureChannel} options.channel
   * @param {{name: string, size: number, blob: Blob, hashes: Uint8Array[], root: string}[]} options.files
   *   with the piece hashes and root computed for the offer
   * @param {number} options.chunkSize plaintext bytes per chunk at most
   * @param {(bytes: number) => void} options.onProgress bytes the receiver has taken in so far
   */
  constructor({ channel, files, chunkSize, pieceBytes = PIECE_BYTES, windowBytes = DEFAULT_WINDOW_BYTES, onProgress = () => {} }) {
    this.#channel = channel;
    this.#files = files;
    this.#chunkSize = chunkSize;
    this.#pieceBytes = pieceBytes;
    this.#windowBytes = windowBytes;
    this.#onProgress = onProgress;
    this.#total = files.reduce((n, f) => n + f.size, 0);
  }

  /** Control messages from the receiver (cancel is the engine's business, not the sender's). */
  handleControl(message) {
    switch (message.t) {
      case 'ready':
        this.#ready.resolve();
        break;
      case 'ack': {
        const bytes = message.bytes;
        if (!Number.isSafeInteger(bytes) || bytes < this.#acked || bytes > this.#sent) {
          throw new ChannelError('protocol', 'Acknowledged more than was sent');
        }
        this.#acked = bytes;
        // Resent pieces count twice in acks; progress is of the files, so it stops at their size.
        const progress = Math.min(bytes, this.#total);
        if (progress > this.#progress) {
          this.#progress = progress;
          this.#onProgress(progress);
        }
        this.#wakeUp();
        break;
      }
      case 'resend':
        this.#resendAsked(message);
        break;
      case 'complete':
        if (this.#acked !== this.#sent || this.#resends.length > 0) {
          throw new ChannelError('protocol', 'Completed before every byte was acknowledged');
        }
        this.#completed = true;
        this.#complete.resolve();
        this.#wakeUp();
        break;
      default:
        // Unknown control types are ignored, so later versions can add some.
        break;
    }
  }

  /** Resolves {files: [{name, size, root}], bytes} once the receiver verified every file. */
  async run() {
    await this.#until(this.#ready.promise);
    for (let i = 0; i < this.#files.length; i++) {
      const { size, blob, hashes } = this.#files[i];
      this.#firstPass = { file: i, pieces: 0 };
      // A file of one piece needs no list: its root is the hash of that piece's hash.
      if (hashes.length > 1) {
        for (let from = 0; from < hashes.length; from += HASHES_PER_MESSAGE) {
          const sha256 = hashes.slice(from, from + HASHES_PER_MESSAGE).map(toHex);
          await this.#until(this.#channel.sendControl({ t: 'pieces', file: i, from, sha256 }));
        }
      }
      for await (const piece of readPieces(blob, this.#pieceBytes)) {
        await this.#serveResends();
        this.#firstPass.pieces = piece.index + 1;
        await this.#sendPiece(i, piece, 0, piece.bytes);
      }
      await this.#until(this.#channel.sendControl({ t: 'file-end', file: i, size }));
    }
    this.#firstPass = { file: this.#files.length, pieces: 0 };
    await this.#until(this.#channel.sendControl({ t: 'done' }));
    for (;;) {
      await this.#serveResends();
      if (this.#completed) break;
      if (this.#resends.length === 0) await this.#until(new Promise((resolve) => { this.#wake = resolve; }));
    }
    await this.#until(this.#complete.promise);
    return { files: this.#files.map(({ name, size, root }) => ({ name, size, root })), bytes: this.#total };
  }

  /** Stops run() with `error` at its next step. */
  abort(error) {
    if (this.#aborted) return;
    this.#aborted = error;
    this.#ready.reject(error);
    this.#complete.reject(error);
    this.#wakeUp();
  }

  // Only pieces the receiver has had can be asked for, and each only so often.
  #resendAsked({ file, piece }) {
    const { file: current, pieces } = this.#firstPass;
    const had = Number.isInteger(file) && file >= 0 && Number.isInteger(piece) && piece >= 0
      && (file < current ? piece < pieceCount(this.#files[file].size, this.#pieceBytes) : file === current && piece < pieces);
    const key = `${file}/${piece}`;
    const count = this.#resendCounts.get(key) ?? 0;
    if (!had || count >= MAX_PIECE_RESENDS) throw new ChannelError('protocol', `Piece ${piece} of file ${file} cannot be asked for`);
    this.#resendCounts.set(key, count + 1);
    this.#resends.push({ file, piece, attempt: count + 1 });
    this.#wakeUp();
  }

  async #serveResends() {
    while (this.#resends.length > 0) {
      const { file, piece, attempt } = this.#resends[0];
      const plan = piecePlan(this.#files[file].size, this.#pieceBytes)[piece];
      const bytes = await this.#until(readPiece(this.#files[file].blob, plan));
      await this.#sendPiece(file, plan, attempt, bytes);
      this.#resends.shift();
    }
  }

  // Chunk indexes restart at the same number for every attempt at a piece; the attempt in the
  // upper bits of seq keeps each (file, seq) — the nonce — used once.
  async #sendPiece(file, { index }, attempt, bytes) {
    const chunksPerPiece = Math.ceil(this.#pieceBytes / this.#chunkSize);
    let seq = attempt * ATTEMPT_STRIDE + index * chunksPerPiece;
    for (let at = 0; at < bytes.length; at += this.#chunkSize, seq++) {
      while (this.#sent - this.#acked >= this.#windowBytes) {
        await this.#until(new Promise((resolve) => { this.#wake = resolve; }));
      }
      this.#checkAborted();
      const chunk = bytes.subarray(at, Math.min(at + this.#chunkSize, bytes.length));
      await this.#until(this.#channel.sendChunk(file, seq, chunk));
      this.#sent += chunk.length;
    }
  }

  #wakeUp() {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  #checkAborted() {
    if (this.#aborted) throw this.#aborted;
  }

  async #until(promise) {
    this.#checkAborted();
    const value = await promise;
    this.#checkAborted();
    return value;
  }
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
