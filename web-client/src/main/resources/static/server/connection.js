// The page's WebSocket to the server: reconnects with capped exponential backoff and measures the
// round-trip time with ping/pong frames. Knows nothing of the DOM; the WebSocket class and the
// clock are injected so node --test can drive it with fakes.
//
// Frames are JSON text with a `type`:
//   client → server  {"type":"ping","id":"<string>"}
//   server → client  {"type":"pong","id":"<same id>","serverTime":"<ISO-8601 instant>"}
//   server → client  {"type":"error","code":"<string>","message":"<string>"[,"inReplyTo":"<id>"]}
//   client → server  {"type":"capabilities.watch","id":"<string>"}   on every (re)connection
//   server → client  {"type":"capabilities","available":[…],"stopped":[…],"types":[…]}
//                    the answer, then again whenever an admin stops or starts a capability
//                    (state.capabilities; see capabilities.js)
// Other frames go to onFrame() listeners (signaling.js), which also get error frames that answer
// one of their requests; onOpen() listeners run on every (re)connection, to say hello again.

import { readCapabilities, sameCapabilities } from './capabilities.js';

export const Status = Object.freeze({
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  RECONNECTING: 'reconnecting',
  STOPPED: 'stopped',
});

const systemClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id),
};

/** The WebSocket URL on the page's own origin: wss when the page came over https. */
export function socketUrl({ protocol, host }) {
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/ws`;
}

/**
 * Milliseconds to wait before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s … capped at 30 s.
 * Jitter only ever shortens the wait, so the cap holds while clients that lost the same server
 * restart do not all come back in the same millisecond.
 */
export function backoffDelay(attempt, { baseMs = 1000, maxMs = 30_000, jitter = 0.2, random = Math.random } = {}) {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exponential * (1 - jitter * random()));
}

/** The close code with which the server refuses a device or its frames (docs/protocol.md). */
const CLOSE_POLICY_VIOLATION = 1008;

export class ServerConnection {
  #url;
  #WebSocketImpl;
  #clock;
  #pingIntervalMs;
  #pongTimeoutMs;
  #backoff;
  #socket = null;
  #attempt = 0;
  #refusedInARow = 0; // connections the server closed with 1008 in a row, each after it opened
  #timer = null;
  #pingSeq = 0;
  #pendingPing = null; // {id, sentAt}: one ping in flight at a time
  #listeners = new Set();
  #frameListeners = new Set();
  #openListeners = new Set();
  // retryAt is on the injected clock (performance.now() in browsers), for a countdown.
  // capabilities: null until the server's first capabilities frame on this connection.
  #state = Object.freeze({
    status: Status.STOPPED, rttMs: null, retryInMs: null, retryAt: null, attempt: 0, serverTime: null, lastError: null,
    capabilities: null,
  });

  constructor({ url, WebSocketImpl = globalThis.WebSocket, clock = systemClock, pingIntervalMs = 10_000, pongTimeoutMs = 5_000, backoff = {} }) {
    this.#url = url;
    this.#WebSocketImpl = WebSocketImpl;
    this.#clock = clock;
    this.#pingIntervalMs = pingIntervalMs;
    this.#pongTimeoutMs = pongTimeoutMs;
    this.#backoff = backoff;
  }

  get state() {
    return this.#state;
  }

  /** The host (and port) the socket connects to, as its Host header names it: what a hello proof is bound to. */
  get host() {
    return new URL(this.#url).host;
  }

  /** Calls `listener(state)` now and on every change; returns a function that unsubscribes. */
  subscribe(listener) {
    this.#listeners.add(listener);
    listener(this.#state);
    return () => this.#listeners.delete(listener);
  }

  /** Calls `listener(frame)` for every frame but pong; returns a function that unsubscribes. */
  onFrame(listener) {
    this.#frameListeners.add(listener);
    return () => this.#frameListeners.delete(listener);
  }

  /** Calls `listener()` each time the socket opens (first connection and every reconnection). */
  onOpen(listener) {
    this.#openListeners.add(listener);
    return () => this.#openListeners.delete(listener);
  }

  /** Sends a frame (an object with `type`) if connected; returns whether it was sent. */
  send(frame) {
    if (this.#state.status !== Status.CONNECTED || !this.#socket) return false;
    this.#socket.send(JSON.stringify(frame));
    return true;
  }

  start() {
    if (this.#state.status !== Status.STOPPED) return;
    this.#attempt = 0;
    this.#update({ status: Status.CONNECTING, retryInMs: null, lastError: null });
    this.#open();
  }

  stop() {
    this.#clearTimer();
    this.#detach(this.#socket);
    this.#socket = null;
    this.#update({ status: Status.STOPPED, rttMs: null, retryInMs: null, retryAt: null, capabilities: null });
  }

  /** Skips the rest of a backoff wait, e.g. when the browser reports it is back online. */
  reconnectNow() {
    if (this.#state.status !== Status.RECONNECTING || this.#socket) return;
    this.#clearTimer();
    this.#open();
  }

  #open() {
    this.#update({ retryInMs: this.#state.status === Status.RECONNECTING ? 0 : null, retryAt: null });
    let socket;
    try {
      socket = new this.#WebSocketImpl(this.#url);
    } catch {
      // An unusable URL (a page opened from file://, say) throws instead of failing the socket.
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempt = 0;
      this.#update({ status: Status.CONNECTED, rttMs: null, retryInMs: null, retryAt: null, attempt: 0, capabilities: null });
      this.#ping();
      socket.send(JSON.stringify({ type: 'capabilities.watch', id: `c${this.#pingSeq}` }));
      for (const listener of this.#openListeners) listener();
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = (event) => {
      // 1008 (policy violation): the server refused this device (revoked, on hold, awaiting
      // approval) or its frames. Opening again at once would only be refused again, and every
      // refusal is on the server's record, so the wait keeps growing as if the socket never opened.
      this.#refusedInARow = event?.code === CLOSE_POLICY_VIOLATION ? this.#refusedInARow + 1 : 0;
      this.#lost(socket);
    };
    // 'error' is always followed by 'close', which does the work.
    socket.onerror = () => {};
  }

  #receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame === null || typeof frame !== 'object') return;
    switch (frame.type) {
      case 'pong':
        this.#pong(frame);
        break;
      case 'capabilities': {
        const capabilities = readCapabilities(frame);
        if (!sameCapabilities(capabilities, this.#state.capabilities)) this.#update({ capabilities });
        break;
      }
      case 'error':
        // An error answering a request is the requester's to handle, not the page's.
        if (frame.inReplyTo === undefined) {
          this.#update({ lastError: { code: String(frame.code ?? ''), message: String(frame.message ?? '') } });
        }
        this.#emit(frame);
        break;
      default:
        this.#emit(frame);
        break;
    }
  }

  #emit(frame) {
    for (const listener of this.#frameListeners) listener(frame);
  }

  #ping() {
    const id = String(++this.#pingSeq);
    this.#pendingPing = { id, sentAt: this.#clock.now() };
    this.#socket.send(JSON.stringify({ type: 'ping', id }));
    // A socket can stay "open" on a dead network for minutes; a missing pong is the quicker tell.
    this.#setTimer(() => this.#lost(this.#socket), this.#pongTimeoutMs);
  }

  #pong({ id, serverTime }) {
    if (!this.#pendingPing || id !== this.#pendingPing.id) return;
    const rttMs = Math.max(0, Math.round(this.#clock.now() - this.#pendingPing.sentAt));
    this.#pendingPing = null;
    this.#update({ rttMs, serverTime: typeof serverTime === 'string' ? serverTime : null });
    this.#setTimer(() => this.#ping(), this.#pingIntervalMs);
  }

  #lost(socket) {
    if (socket !== this.#socket) return;
    this.#detach(socket);
    this.#socket = null;
    this.#scheduleReconnect();
  }

  #scheduleReconnect() {
    const retryInMs = backoffDelay(Math.max(this.#attempt, this.#refusedInARow), this.#backoff);
    this.#attempt += 1;
    this.#update({
      status: Status.RECONNECTING, rttMs: null, retryInMs, retryAt: this.#clock.now() + retryInMs, attempt: this.#attempt,
      capabilities: null,
    });
    this.#setTimer(() => this.#open(), retryInMs);
  }

  #detach(socket) {
    this.#pendingPing = null;
    this.#clearTimer();
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close();
    } catch {
      // Already closed.
    }
  }

  #setTimer(fn, ms) {
    this.#clearTimer();
    this.#timer = this.#clock.setTimeout(fn, ms);
  }

  #clearTimer() {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #update(changes) {
    this.#state = Object.freeze({ ...this.#state, ...changes });
    for (const listener of this.#listeners) listener(this.#state);
  }
}
