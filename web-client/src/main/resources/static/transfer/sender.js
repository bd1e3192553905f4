// The sending half of the data path: reads each file in slices, hashes and sends its chunks, then
// a file-end with the file's SHA-256, then done, and waits for the receiver's complete. Flow
// control is a window: at most `windowBytes` may be sent and not yet acknowledged as written by
// the receiver (acks come every MiB or so, never per chunk), on top of the transport's own
// bufferedAmount backpressure. Knows nothing of the DOM.

import { readChunks } from './chunker.js';
import { ChannelError } from './channel.js';
import { createSha256 } from './hash.js';

export const DEFAULT_WINDOW_BYTES = 16 * 1024 * 1024;

export class Sender {
  #channel;
  #files;
  #chunkSize;
  #createHash;
  #windowBytes;
  #onProgress;
  #sent = 0;
  #acked = 0;
  #ready = deferred();
  #complete = deferred();
  #wake = null;
  #aborted = null;

  /**
   * @param {object} options
   * @param {import('./channel.js').SecureChannel} options.channel
   * @param {{name: string, size: number, blob: Blob}[]} options.files
   * @param {number} options.chunkSize plaintext bytes per chunk
   * @param {(bytes: number) => void} options.onProgress bytes the receiver has written so far
   */
  constructor({ channel, files, chunkSize, createHash = createSha256, windowBytes = DEFAULT_WINDOW_BYTES, onProgress = () => {} }) {
    this.#channel = channel;
    this.#files = files;
    this.#chunkSize = chunkSize;
    this.#createHash = createHash;
    this.#windowBytes = windowBytes;
    this.#onProgress = onProgress;
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
        this.#onProgress(bytes);
        this.#wakeUp();
        break;
      }
      case 'complete':
        if (this.#acked !== this.#sent) throw new ChannelError('protocol', 'Completed before every byte was acknowledged');
        this.#complete.resolve();
        break;
      default:
        // Unknown control types are ignored, so later versions can add some.
        break;
    }
  }

  /** Resolves {files: [{name, size, sha256}], bytes} once the receiver verified every file. */
  async run() {
    await this.#until(this.#ready.promise);
    const results = [];
    for (let i = 0; i < this.#files.length; i++) {
      const { name, size, blob } = this.#files[i];
      const hash = this.#createHash();
      for await (const { index, bytes } of readChunks(blob, this.#chunkSize)) {
        while (this.#sent - this.#acked >= this.#windowBytes) {
          await this.#until(new Promise((resolve) => { this.#wake = resolve; }));
        }
        this.#checkAborted();
        hash.update(bytes);
        await this.#until(this.#channel.sendChunk(i, index, bytes));
        this.#sent += bytes.length;
      }
      const sha256 = hash.hex();
      await this.#until(this.#channel.sendControl({ t: 'file-end', file: i, size, sha256 }));
      results.push({ name, size, sha256 });
    }
    await this.#until(this.#channel.sendControl({ t: 'done' }));
    await this.#until(this.#complete.promise);
    return { files: results, bytes: this.#sent };
  }

  /** Stops run() with `error` at its next step. */
  abort(error) {
    if (this.#aborted) return;
    this.#aborted = error;
    this.#ready.reject(error);
    this.#complete.reject(error);
    this.#wakeUp();
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
