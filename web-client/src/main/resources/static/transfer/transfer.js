// What an application sees of one transfer (docs/client-api.md): an EventTarget with state,
// route and progress, a `done` promise and cancel(). The engine drives it through the `control`
// object that Transfer.create() hands only to the engine. Knows nothing of the DOM.

import { ProgressMeter } from './progress.js';

export const State = Object.freeze({
  OFFERED: 'offered',
  CONNECTING: 'connecting',
  TRANSFERRING: 'transferring',
  COMPLETED: 'completed',
  DECLINED: 'declined',
  CANCELLED: 'cancelled',
  FAILED: 'failed',
});

const FINAL = new Set([State.COMPLETED, State.DECLINED, State.CANCELLED, State.FAILED]);
const PROGRESS_EVERY_MS = 200;

/** Codes an application can branch on; messages are written for the person at the screen. */
export class TransferError extends Error {
  /** @param {string} code e.g. 'declined', 'cancelled', 'peer-left', 'no-route', 'hash-mismatch' */
  constructor(code, message, { byPeer = false } = {}) {
    super(message);
    this.name = 'TransferError';
    this.code = code;
    this.byPeer = byPeer;
  }
}

/** The final state a failure code leaves a transfer in. */
export function finalStateFor(code) {
  if (code === 'declined') return State.DECLINED;
  if (code === 'cancelled') return State.CANCELLED;
  return State.FAILED;
}

export const isFinal = (state) => FINAL.has(state);

export class Transfer extends EventTarget {
  #id;
  #direction;
  #peer;
  #files;
  #totalBytes;
  #state;
  #route = null;
  #error = null;
  #result = null;
  #meter;
  #progress;
  #lastProgressAt = -Infinity;
  #done;
  #onCancel;

  /**
   * @returns {{transfer: Transfer, control: object}} control is for the engine only
   */
  static create(init) {
    let control;
    const transfer = new Transfer(init, (c) => { control = c; });
    return { transfer, control };
  }

  constructor({ id, direction, peer, files, state, onCancel, now = () => performance.now() }, giveControl) {
    super();
    if (typeof giveControl !== 'function') throw new TypeError('Transfers are made by lanvan.send() or arrive as incoming');
    this.#id = id;
    this.#direction = direction;
    this.#peer = Object.freeze({ ...peer });
    this.#files = Object.freeze(files.map((f) => Object.freeze({ ...f })));
    this.#totalBytes = files.reduce((n, f) => n + f.size, 0);
    this.#state = state;
    this.#onCancel = onCancel;
    this.#meter = new ProgressMeter(this.#totalBytes);
    this.#progress = this.#meter.snapshot();
    let resolve;
    let reject;
    this.#done = new Promise((res, rej) => { resolve = res; reject = rej; });
    // Nobody has to await done; a failure is also visible as state and error.
    this.#done.catch(() => {});

    const self = this;
    const setState = (state) => {
      if (isFinal(this.#state) || this.#state === state) return;
      this.#state = state;
      this.dispatchEvent(new CustomEvent('state', { detail: { state } }));
    };
    giveControl({
      setState,
      setRoute: (route) => { this.#route = route; },
      progress: (bytes) => {
        const at = now();
        this.#progress = this.#meter.update(bytes, at);
        if (at - this.#lastProgressAt < PROGRESS_EVERY_MS && bytes < this.#totalBytes) return;
        this.#lastProgressAt = at;
        this.dispatchEvent(new CustomEvent('progress', { detail: this.#progress }));
      },
      complete: (result) => {
        if (isFinal(this.#state)) return;
        this.#result = result;
        this.#progress = { ...this.#progress, bytes: this.#totalBytes, etaSeconds: 0 };
        this.dispatchEvent(new CustomEvent('progress', { detail: this.#progress }));
        resolve(result);
        setState(State.COMPLETED);
      },
      fail: (error) => {
        if (isFinal(this.#state)) return;
        this.#error = error;
        reject(error);
        setState(finalStateFor(error.code));
      },
      get state() { return self.#state; },
    });
  }

  get id() { return this.#id; }
  /** 'send' or 'receive' */
  get direction() { return this.#direction; }
  /** {id, name, platform} of the other device */
  get peer() { return this.#peer; }
  /** [{name, size, type, file()}]; file() resolves to the File (received files once verified) */
  get files() { return this.#files; }
  get totalBytes() { return this.#totalBytes; }
  /** one of State */
  get state() { return this.#state; }
  /** 'direct', 'relay', or null before a route is open */
  get route() { return this.#route; }
  /** {bytes, total, bytesPerSecond, etaSeconds} */
  get progress() { return this.#progress; }
  /** the TransferError of a transfer that did not complete, else null */
  get error() { return this.#error; }
  /** what done resolved with, once completed */
  get result() { return this.#result; }
  /** resolves {route, bytes, ms, files: [{name, size, root}]} (root: docs/transfer.md, "Pieces"); rejects with a TransferError */
  get done() { return this.#done; }

  /** Stops the transfer on both sides; harmless once it has ended. */
  cancel() {
    if (!isFinal(this.#state)) this.#onCancel();
  }
}
