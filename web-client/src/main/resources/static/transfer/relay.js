// The relay route: a WebSocket to /ws/relay/<transferId>?token=<ticket> on the page's own origin
// (docs/protocol.md, "Relay"). It carries the same encrypted binary frames as the data channel;
// the relay only forwards them. WebSocket has no "buffer drained" event, so backpressure polls
// bufferedAmount while it is above the high-water mark.

import { MAX_FRAME_BYTES } from './framing.js';

export const HIGH_WATER_BYTES = 4 * 1024 * 1024;
const POLL_MS = 5;

/** wss://host/ws/relay/…?token=… for a ticket {url, token} whose url is a path on this origin. */
export function relayUrl({ protocol, host }, { url, token }) {
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//')) throw new Error('The relay address is not on this server');
  const scheme = protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${host}${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

/** Resolves with a transport (see channel.js) once the relay socket is open. */
export function connectRelay({ url, timeoutMs = 10_000, abortSignal, WebSocketImpl = globalThis.WebSocket }) {
  return new Promise((resolve, reject) => {
    let socket;
    try {
      socket = new WebSocketImpl(url);
    } catch (error) {
      reject(error);
      return;
    }
    socket.binaryType = 'arraybuffer';
    let settled = false;
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.onopen = socket.onclose = socket.onerror = null;
      socket.close();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error('The relay did not answer in time')), timeoutMs);
    abortSignal?.addEventListener('abort', () => fail(abortSignal.reason ?? new Error('Aborted')), { once: true });
    socket.onerror = () => {};
    socket.onclose = (event) => fail(new Error(`The relay refused the connection (${event.code})`));
    socket.onopen = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(new RelayTransport(socket));
    };
  });
}

class RelayTransport {
  route = 'relay';
  maxMessageSize = MAX_FRAME_BYTES;
  onmessage = null;
  onclose = null;
  #socket;
  #closed = false;

  constructor(socket) {
    this.#socket = socket;
    socket.onmessage = (event) => {
      // The relay forwards binary frames only; anything else is not ours.
      if (event.data instanceof ArrayBuffer) this.onmessage?.(event.data);
    };
    socket.onclose = (event) => {
      if (this.#closed) return;
      this.#closed = true;
      this.onclose?.({ code: event.code, reason: event.reason });
    };
  }

  send(bytes) {
    this.#socket.send(bytes);
  }

  async ready(bytes) {
    while (!this.#closed && this.#socket.bufferedAmount + bytes > HIGH_WATER_BYTES) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    if (this.#closed || this.#socket.readyState !== 1) throw new Error('The relay connection is closed');
  }

  /** Resolves once the socket's buffer is empty. */
  async flush() {
    while (!this.#closed && this.#socket.readyState === 1 && this.#socket.bufferedAmount > 0) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    if (this.#closed || this.#socket.readyState !== 1) throw new Error('The relay connection is closed');
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.close(1000);
  }
}
