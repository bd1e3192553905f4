// The connection indicator in the page header. Only the short label sits in the aria-live
// region, so screen readers hear "Connected" or "Reconnecting" once per change, not every
// round-trip measurement or countdown tick.

import { answers } from '../server/capabilities.js';
import { Status } from '../server/connection.js';

/**
 * Words for a connection state. `nowMs` is on the same clock as state.retryAt.
 * @returns {{label: string, detail: string, detailPrefix: string}} detailPrefix is for screen readers only
 */
export function describeConnection(state, nowMs) {
  switch (state.status) {
    case Status.CONNECTING:
      return { label: 'Connecting…', detail: '', detailPrefix: '' };
    case Status.CONNECTED:
      // Connected to a server whose signaling an admin stopped: "Connected" would promise devices.
      if (state.capabilities && !answers(state.capabilities, 'hello')) {
        return { label: 'Paused', detail: 'signaling stopped', detailPrefix: '' };
      }
      return state.rttMs === null
        ? { label: 'Connected', detail: '', detailPrefix: '' }
        : { label: 'Connected', detail: state.rttMs < 1 ? '< 1 ms' : `${state.rttMs} ms`, detailPrefix: 'round trip ' };
    case Status.RECONNECTING: {
      const remainingMs = state.retryAt === null ? 0 : state.retryAt - nowMs;
      return remainingMs > 0
        ? { label: 'Reconnecting', detail: `in ${Math.ceil(remainingMs / 1000)} s`, detailPrefix: '' }
        : { label: 'Reconnecting', detail: 'now…', detailPrefix: '' };
    }
    default:
      return { label: 'Disconnected', detail: '', detailPrefix: '' };
  }
}

export class ConnectionIndicator {
  #root;
  #label;
  #detail;
  #now;
  #ticker = null;
  #state = null;

  /** @param {HTMLElement} root holds [data-connection-label] (aria-live) and [data-connection-detail] */
  constructor(root, { now = () => performance.now() } = {}) {
    this.#root = root;
    this.#label = root.querySelector('[data-connection-label]');
    this.#detail = root.querySelector('[data-connection-detail]');
    this.#now = now;
  }

  render(state) {
    this.#state = state;
    this.#root.dataset.state = state.status;
    this.#paint();
    // Tick once a second only while a countdown is showing.
    const counting = state.status === Status.RECONNECTING && state.retryAt !== null;
    if (counting && this.#ticker === null) {
      this.#ticker = setInterval(() => this.#paint(), 1000);
    } else if (!counting && this.#ticker !== null) {
      clearInterval(this.#ticker);
      this.#ticker = null;
    }
  }

  #paint() {
    const { label, detail, detailPrefix } = describeConnection(this.#state, this.#now());
    if (this.#label.textContent !== label) this.#label.textContent = label;
    const prefix = document.createElement('span');
    prefix.className = 'visually-hidden';
    prefix.textContent = detailPrefix;
    this.#detail.replaceChildren(prefix, detail);
    this.#detail.hidden = detail === '';
  }
}
