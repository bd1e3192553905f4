// The receiving half of the data path: checks that chunks come in order and add up to the offered
// sizes, hashes them while writing them to storage, and on each file-end compares its SHA-256 with
// the sender's before the file counts as received. A mismatch discards the file and stops the
// transfer. Acknowledges written bytes every `ackEveryBytes` so the sender's window moves on.
// Knows nothing of the DOM; storage is injected.
//
// A sink (from openSink) is {write(bytes): Promise, close(): Promise, file(): Promise<File>, abort(): Promise}.

import { ChannelError } from './channel.js';
import { MAX_CHUNK_BYTES } from './framing.js';
import { createSha256, isSha256Hex } from './hash.js';

export const DEFAULT_ACK_EVERY_BYTES = 1024 * 1024;
/** Writes handed to storage and not yet confirmed; decrypting goes on meanwhile. */
const MAX_WRITES_IN_FLIGHT = 16;

export class Receiver {
  #channel;
  #files;
  #openSink;
  #createHash;
  #ackEveryBytes;
  #onProgress;
  #current = 0;
  #nextChunk = 0;
  #fileBytes = 0;
  #sink = null;
  #hash = null;
  #bytes = 0;
  #writtenBytes = 0;
  #ackedBytes = 0;
  #writes = [];
  #writeError = null;
  #verified = [];
  #sinks = [];
  #heardFromSender = false;
  #finished = false;
  #result;
  #settle;

  /**
   * @param {object} options
   * @param {{name: string, size: number, type: string}[]} options.files as offered
   * @param {(index: number) => Promise<object>} options.openSink storage for file `index`
   * @param {(bytes: number) => void} options.onProgress bytes written so far
   */
  constructor({ channel, files, openSink, createHash = createSha256, ackEveryBytes = DEFAULT_ACK_EVERY_BYTES, onProgress = () => {} }) {
    this.#channel = channel;
    this.#files = files;
    this.#openSink = openSink;
    this.#createHash = createHash;
    this.#ackEveryBytes = ackEveryBytes;
    this.#onProgress = onProgress;
    this.#result = new Promise((resolve) => { this.#settle = resolve; });
  }

  /** Resolves {files: [{name, size, sha256}], bytes, sinks} once every file is verified. */
  get result() { return this.#result; }

  /** True once the sender has sent anything: until then the route may still change. */
  get heardFromSender() { return this.#heardFromSender; }

  /** Tells the sender this side holds the key and is ready (it may be said more than once). */
  sayReady() {
    return this.#channel.sendControl({ t: 'ready' });
  }

  async handleChunk(file, index, bytes) {
    this.#heardFromSender = true;
    if (this.#finished || file !== this.#current || index !== this.#nextChunk) {
      throw new ChannelError('protocol', `Chunk ${index} of file ${file} came out of order`);
    }
    const declared = this.#files[file].size;
    if (bytes.length === 0 || bytes.length > MAX_CHUNK_BYTES || this.#fileBytes + bytes.length > declared) {
      throw new ChannelError('protocol', `File ${file} is longer than offered`);
    }
    await this.#ensureSink();
    this.#hash.update(bytes);
    // The sink may take the buffer over (a transfer to the storage worker), so count first.
    const length = bytes.length;
    // Writes of a sink complete in order; up to MAX_WRITES_IN_FLIGHT are pending at once.
    this.#writes.push(this.#sink.write(bytes).then(
      () => { this.#writtenBytes += length; },
      (error) => { this.#writeError ??= error; },
    ));
    if (this.#writes.length >= MAX_WRITES_IN_FLIGHT) await this.#writes.shift();
    this.#checkWrites(file);
    this.#nextChunk += 1;
    this.#fileBytes += length;
    this.#bytes += length;
    this.#onProgress(this.#bytes);
    // Acks count written bytes only, so the sender's window bounds what sits in memory here.
    if (this.#writtenBytes - this.#ackedBytes >= this.#ackEveryBytes) await this.#ack();
  }

  async handleControl(message) {
    this.#heardFromSender = true;
    switch (message.t) {
      case 'file-end':
        await this.#fileEnd(message);
        break;
      case 'done':
        if (this.#finished || this.#current !== this.#files.length) {
          throw new ChannelError('protocol', 'Done before every file was sent');
        }
        this.#finished = true;
        await this.#channel.sendControl({ t: 'complete' });
        this.#settle({ files: this.#verified, bytes: this.#bytes, sinks: this.#sinks });
        break;
      default:
        break;
    }
  }

  /** Throws away what was written so far (declined, cancelled or failed transfers). */
  async discard() {
    this.#finished = true;
    await Promise.allSettled([...this.#sinks, this.#sink].filter(Boolean).map((sink) => sink.abort()));
  }

  async #fileEnd({ file, size, sha256 }) {
    const index = this.#current;
    if (this.#finished || file !== index || index >= this.#files.length) {
      throw new ChannelError('protocol', `Unexpected end of file ${file}`);
    }
    const declared = this.#files[index].size;
    if (size !== declared || this.#fileBytes !== declared || !isSha256Hex(sha256)) {
      throw new ChannelError('protocol', `File ${index} ended at ${this.#fileBytes} of ${declared} bytes`);
    }
    await this.#ensureSink();
    await Promise.all(this.#writes.splice(0));
    this.#checkWrites(index);
    const actual = this.#hash.hex();
    if (actual !== sha256) {
      throw new ChannelError('hash-mismatch', `SHA-256 of file ${index} does not match`, { file: index });
    }
    try {
      await this.#sink.close();
    } catch (error) {
      throw new ChannelError('storage', error?.message || 'Saving failed', { file: index });
    }
    this.#sinks.push(this.#sink);
    this.#verified.push({ name: this.#files[index].name, size: declared, sha256: actual });
    this.#sink = null;
    this.#hash = null;
    this.#current += 1;
    this.#nextChunk = 0;
    this.#fileBytes = 0;
    await this.#ack();
  }

  async #ensureSink() {
    if (this.#sink) return;
    try {
      this.#sink = await this.#openSink(this.#current);
    } catch (error) {
      throw new ChannelError('storage', error?.message || 'No storage', { file: this.#current });
    }
    this.#hash = this.#createHash();
  }

  #checkWrites(file) {
    if (this.#writeError) throw new ChannelError('storage', this.#writeError.message || 'Writing failed', { file });
  }

  #ack() {
    this.#ackedBytes = this.#writtenBytes;
    return this.#channel.sendControl({ t: 'ack', bytes: this.#writtenBytes });
  }
}
