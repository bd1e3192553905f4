// Modal dialogs (native <dialog>: focus moves in, Tab stays in, Escape closes, focus returns):
// the offer of incoming files, and "Send text".

import { formatBytes, isTextMessage, summarizeFiles } from './format.js';

const FILES_LISTED = 5;

/** Offers one incoming transfer at a time; Escape leaves it waiting in the Transfers list. */
export class IncomingDialog {
  #dialog;
  #queue = [];
  #current = null;
  #returnFocus = null;

  constructor(dialog) {
    this.#dialog = dialog;
    dialog.querySelector('[data-incoming-accept]').addEventListener('click', () => this.#decide('accept'));
    dialog.querySelector('[data-incoming-decline]').addEventListener('click', () => this.#decide('decline'));
    dialog.addEventListener('close', () => this.#closed());
  }

  /** @param {{transfer, from, files, keyChanged, accept(), decline()}} offer the 'incoming' event's detail */
  offer(offer) {
    if (offer.transfer.state !== 'offered') return; // accepted automatically
    this.#queue.push(offer);
    offer.transfer.addEventListener('state', () => {
      if (offer.transfer.state === 'offered') return;
      this.#queue = this.#queue.filter((o) => o !== offer);
      if (this.#current === offer) this.#dialog.close();
    });
    if (!this.#current) this.#showNext();
  }

  #showNext() {
    const offer = this.#queue.shift();
    if (!offer) return;
    this.#current = offer;
    const { from, files, keyChanged, transfer } = offer;
    const text = isTextMessage(files);
    const count = files.length === 1 ? 'a file' : `${files.length} files`;
    this.#dialog.querySelector('[data-incoming-title]').textContent = text
      ? `${from.name} wants to send you a message`
      : `${from.name} wants to send you ${count}`;
    this.#dialog.querySelector('[data-incoming-summary]').textContent = text
      ? `A short text (${formatBytes(transfer.totalBytes)}).`
      : `${summarizeFiles(files)} · ${formatBytes(transfer.totalBytes)} in all.`;
    const list = this.#dialog.querySelector('[data-incoming-files]');
    const items = text ? [] : files.slice(0, FILES_LISTED).map((file) => {
      const li = document.createElement('li');
      li.textContent = `${file.name} (${formatBytes(file.size)})`;
      return li;
    });
    if (!text && files.length > FILES_LISTED) {
      const li = document.createElement('li');
      li.textContent = `and ${files.length - FILES_LISTED} more`;
      items.push(li);
    }
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
    this.#dialog.querySelector('[data-incoming-warning]').hidden = !keyChanged;
    this.#returnFocus = document.activeElement;
    this.#dialog.showModal();
    // With a warning, the safe choice gets the focus.
    this.#dialog.querySelector(keyChanged ? '[data-incoming-decline]' : '[data-incoming-accept]').focus();
  }

  #decide(choice) {
    const offer = this.#current;
    this.#dialog.close();
    if (choice === 'accept') offer?.accept();
    else offer?.decline();
  }

  #closed() {
    this.#current = null;
    if (this.#returnFocus?.isConnected) this.#returnFocus.focus();
    this.#returnFocus = null;
    this.#showNext();
  }
}

export class TextDialog {
  #dialog;
  #input;
  #peer = null;
  #onSend;
  #returnFocus = null;

  /** @param {(peer, text: string) => void} onSend */
  constructor(dialog, onSend) {
    this.#dialog = dialog;
    this.#onSend = onSend;
    this.#input = dialog.querySelector('[data-text-input]');
    dialog.querySelector('[data-text-cancel]').addEventListener('click', () => dialog.close());
    dialog.querySelector('[data-text-form]').addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.#input.value;
      if (!text.trim()) return;
      dialog.close();
      this.#onSend(this.#peer, text);
    });
    dialog.addEventListener('close', () => {
      if (this.#returnFocus?.isConnected) this.#returnFocus.focus();
    });
  }

  open(peer) {
    this.#peer = peer;
    this.#dialog.querySelector('[data-text-peer]').textContent = peer.name;
    this.#input.value = '';
    this.#returnFocus = document.activeElement;
    this.#dialog.showModal();
    this.#input.focus();
  }
}
