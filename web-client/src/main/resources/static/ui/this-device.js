// The "This device" card: the name other devices see (with Rename), this device's key fingerprint,
// and whether offers are accepted without asking.

import { formatFingerprint } from '../verification.js';

export class ThisDeviceCard {
  #card;
  #lanvan;
  #form;
  #input;
  #toggle;
  #error;

  constructor(card, lanvan) {
    this.#card = card;
    this.#lanvan = lanvan;
    this.#form = card.querySelector('[data-rename-form]');
    this.#input = card.querySelector('[data-rename-input]');
    this.#toggle = card.querySelector('[data-rename-open]');
    this.#error = card.querySelector('[data-rename-error]');
    this.#toggle.addEventListener('click', () => this.#open());
    card.querySelector('[data-rename-cancel]').addEventListener('click', () => this.#close());
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#save();
    });
    this.#form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.#close();
    });
    const autoAccept = card.querySelector('[data-auto-accept]');
    autoAccept.checked = lanvan.autoAccept;
    autoAccept.addEventListener('change', () => { lanvan.autoAccept = autoAccept.checked; });
  }

  render() {
    const { name } = this.#lanvan.self;
    if (name) this.#card.querySelector('[data-device-name]').textContent = name;
    const { fingerprint } = this.#lanvan.identity;
    if (fingerprint) this.#card.querySelector('[data-own-fingerprint]').textContent = formatFingerprint(fingerprint);
  }

  #open() {
    this.#input.value = this.#lanvan.self.name ?? '';
    this.#error.textContent = '';
    this.#form.hidden = false;
    this.#toggle.setAttribute('aria-expanded', 'true');
    this.#input.focus();
    this.#input.select();
  }

  #close() {
    this.#form.hidden = true;
    this.#toggle.setAttribute('aria-expanded', 'false');
    this.#toggle.focus();
  }

  async #save() {
    try {
      await this.#lanvan.rename(this.#input.value);
      this.render();
      this.#close();
    } catch (error) {
      this.#error.textContent = error.message;
      this.#input.focus();
    }
  }
}
