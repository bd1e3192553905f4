// Pairing with a device on another network: show a one-time 6-digit code here, or enter the code
// another device shows. Both go through lanvan.pair. A right code pairs only once the person who
// showed it has seen who entered it (name and key fingerprint) and pressed Pair.

import { platformLabel } from './format.js';
import { formatFingerprint } from '../verification.js';

const MESSAGES = {
  'pairing-failed': 'That code is wrong, already used or expired. Ask for a new one.',
  'pairing-declined': 'The other device declined the pairing.',
  disconnected: 'Not connected to the LANVan server. Try again once it is back.',
  timeout: 'The server did not answer. Try again.',
  'capability-unavailable': 'Pairing is switched off on this server right now.',
  'unknown-type': 'This LANVan server does not offer pairing.',
};

const RETIRED = {
  'too-many-guesses': 'This code was withdrawn because too many wrong codes were tried. Show a new one if you still need it.',
  expired: 'Nobody confirmed in time, so the code expired. Show a new one if you still need it.',
  'joiner-left': 'The device that entered the code left before you answered. Show a new code if you still need it.',
  inconsistent: 'The server sent details of the device that entered your code that do not match its key, so it was refused. '
    + 'Show a new code if you still need it.',
};

const message = (error) => MESSAGES[error?.code] ?? error?.message ?? 'Pairing failed.';

/** "482913" → "482 913", easier to read out. */
export const formatCode = (code) => String(code).replace(/^(\d{3})(\d{3})$/, '$1 $2');

export class PairingCard {
  #card;
  #pair;
  #ticker = null;
  #request = null; // the code a device entered, while its person decides

  /** @param {{create(): Promise<{code, expiresAt}>, join(code): Promise}} pair */
  constructor(card, pair) {
    this.#card = card;
    this.#pair = pair;
    card.querySelector('[data-pair-create]').addEventListener('click', () => this.#create());
    card.querySelector('[data-pair-confirm]').addEventListener('click', () => this.#answer(true));
    card.querySelector('[data-pair-reject]').addEventListener('click', () => this.#answer(false));
    card.querySelector('[data-pair-request]').addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.#answer(false);
    });
    card.querySelector('[data-pair-join]').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#join();
    });
  }

  /** Pairing needs the server: the buttons wait while it is not there. */
  setOnline(online) {
    for (const control of this.#card.querySelectorAll('[data-pair-create], [data-pair-join] button, [data-pair-request] button')) {
      control.disabled = !online;
    }
  }

  /** The server withdrew the code shown, or the request on it ended (see RETIRED). */
  retired(reason = 'too-many-guesses') {
    clearInterval(this.#ticker);
    this.#request = null;
    this.#card.querySelector('[data-pair-request]').hidden = true;
    this.#card.querySelector('[data-pair-code]').hidden = true;
    this.#card.querySelector('[data-pair-expiry]').textContent = RETIRED[reason] ?? RETIRED['too-many-guesses'];
  }

  /** A device entered the code shown here: who it is, and Pair / Reject. */
  requested({ code, peer }) {
    this.#request = code;
    const box = this.#card.querySelector('[data-pair-request]');
    this.#card.querySelector('[data-pair-request-heading]').textContent =
      `“${peer.name}” (${platformLabel(peer.platform)}) entered your code`;
    this.#card.querySelector('[data-pair-request-fingerprint]').textContent = formatFingerprint(peer.fingerprint);
    this.#card.querySelector('[data-pair-confirm]').textContent = `Pair with ${peer.name}`;
    this.#card.querySelector('[data-pair-request-status]').textContent = '';
    box.hidden = false;
    box.focus();
  }

  async #answer(confirm) {
    const code = this.#request;
    if (!code) return;
    this.#request = null;
    clearInterval(this.#ticker);
    this.#card.querySelector('[data-pair-request]').hidden = true;
    this.#card.querySelector('[data-pair-code]').hidden = true;
    this.#card.querySelector('[data-pair-expiry]').textContent = '';
    const status = this.#card.querySelector('[data-pair-request-status]');
    try {
      if (confirm) {
        await this.#pair.confirm(code);
        status.textContent = 'Paired. The other device now appears under Devices nearby.';
      } else {
        await this.#pair.reject(code);
        status.textContent = 'Rejected. That device was told, and the code no longer works.';
      }
    } catch (error) {
      status.textContent = message(error);
    }
    this.#card.querySelector('[data-pair-create]').focus();
  }

  async #create() {
    const codeEl = this.#card.querySelector('[data-pair-code]');
    const expiry = this.#card.querySelector('[data-pair-expiry]');
    try {
      const { code, expiresAt } = await this.#pair.create();
      codeEl.textContent = formatCode(code);
      codeEl.hidden = false;
      const end = Date.parse(expiresAt);
      const tick = () => {
        const left = Math.max(0, Math.round((end - Date.now()) / 1000));
        if (left === 0) {
          clearInterval(this.#ticker);
          codeEl.hidden = true;
          expiry.textContent = 'The code expired. Show a new one if you still need it.';
          return;
        }
        expiry.textContent = `Enter it on the other device within ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}. It works once.`;
      };
      clearInterval(this.#ticker);
      tick();
      this.#ticker = setInterval(tick, 1000);
    } catch (error) {
      codeEl.hidden = true;
      expiry.textContent = message(error);
    }
  }

  async #join() {
    const input = this.#card.querySelector('[data-pair-input]');
    const status = this.#card.querySelector('[data-pair-status]');
    const code = input.value.replace(/\D/g, '');
    if (code.length !== 6) {
      status.textContent = 'A pairing code has 6 digits.';
      input.focus();
      return;
    }
    status.textContent = 'Pairing…';
    try {
      await this.#pair.join(code, {
        onWaiting: () => { status.textContent = 'The code is right. Waiting for the other device to confirm…'; },
      });
      input.value = '';
      status.textContent = 'Paired. The other device now appears under Devices nearby.';
    } catch (error) {
      status.textContent = message(error);
      input.focus();
    }
  }
}
