// Pairing with a device on another network: show a one-time 6-digit code here, or enter the code
// another device shows. Both go through lanvan.pair.

const MESSAGES = {
  'pairing-failed': 'That code is wrong, already used or expired. Ask for a new one.',
  disconnected: 'Not connected to the LANVan server. Try again once it is back.',
  timeout: 'The server did not answer. Try again.',
  'capability-unavailable': 'Pairing is switched off on this server right now.',
  'unknown-type': 'This LANVan server does not offer pairing.',
};

const message = (error) => MESSAGES[error?.code] ?? error?.message ?? 'Pairing failed.';

/** "482913" → "482 913", easier to read out. */
export const formatCode = (code) => String(code).replace(/^(\d{3})(\d{3})$/, '$1 $2');

export class PairingCard {
  #card;
  #pair;
  #ticker = null;

  /** @param {{create(): Promise<{code, expiresAt}>, join(code): Promise}} pair */
  constructor(card, pair) {
    this.#card = card;
    this.#pair = pair;
    card.querySelector('[data-pair-create]').addEventListener('click', () => this.#create());
    card.querySelector('[data-pair-join]').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#join();
    });
  }

  /** Pairing needs the server: the buttons wait while it is not there. */
  setOnline(online) {
    for (const control of this.#card.querySelectorAll('[data-pair-create], [data-pair-join] button')) control.disabled = !online;
  }

  /** The server withdrew the code shown: too many wrong codes were tried while it was open. */
  retired() {
    clearInterval(this.#ticker);
    this.#card.querySelector('[data-pair-code]').hidden = true;
    this.#card.querySelector('[data-pair-expiry]').textContent =
      'This code was withdrawn because too many wrong codes were tried. Show a new one if you still need it.';
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
      await this.#pair.join(code);
      input.value = '';
      status.textContent = 'Paired. The other device now appears under Devices nearby.';
    } catch (error) {
      status.textContent = message(error);
      input.focus();
    }
  }
}
