// The "Transfers" card: one item per transfer with a progress bar, speed, time left, the route
// it took, Cancel while it runs, Accept/Decline while an offer waits, and Save for received files
// (a short text message is shown inline instead). Renders transfer state; acts through it.

import { formatBytes, formatEta, formatSpeed, isTextMessage, percentOf, stateLabel, summarizeFiles } from './format.js';
import { icon } from './icons.js';

const SAVE_BUTTONS_SHOWN = 20;
const ACTIVE = new Set(['offered', 'connecting', 'transferring']);

export class TransferList {
  #list;
  #empty;
  #onSave;

  /** @param {{onSave(file: File): Promise}} options */
  constructor(card, { onSave }) {
    this.#list = card.querySelector('[data-transfer-list]');
    this.#empty = card.querySelector('[data-transfers-empty]');
    this.#onSave = onSave;
  }

  add(transfer) {
    const item = new TransferItem(transfer, { onSave: this.#onSave, onDismiss: () => this.#refresh() });
    this.#list.prepend(item.root);
    this.#refresh();
  }

  #refresh() {
    this.#empty.hidden = this.#list.children.length > 0;
  }
}

class TransferItem {
  #transfer;
  #onSave;
  #onDismiss;
  #el = {};
  #shownResult = false;

  constructor(transfer, { onSave, onDismiss }) {
    this.#transfer = transfer;
    this.#onSave = onSave;
    this.#onDismiss = onDismiss;
    this.root = this.#build();
    transfer.addEventListener('state', () => this.#render());
    transfer.addEventListener('progress', () => this.#renderProgress());
    this.#render();
  }

  #build() {
    const t = this.#transfer;
    const root = element('li', 'transfer');
    const head = element('div', 'transfer-head');
    const direction = element('span', 'transfer-direction');
    direction.append(icon(t.direction === 'send' ? 'up' : 'down', { size: 20 }));
    const titles = element('div', 'transfer-titles');
    const name = element('p', 'transfer-name', titleOf(t));
    const who = element('p', 'transfer-peer', `${t.direction === 'send' ? 'To' : 'From'} ${t.peer.name} · ${formatBytes(t.totalBytes)}`);
    titles.append(name, who);
    this.#el.route = element('span', 'badge');
    head.append(direction, titles, this.#el.route);

    this.#el.bar = element('div', 'progress');
    this.#el.bar.setAttribute('role', 'progressbar');
    this.#el.bar.setAttribute('aria-valuemin', '0');
    this.#el.bar.setAttribute('aria-valuemax', '100');
    this.#el.bar.setAttribute('aria-label', `${t.direction === 'send' ? 'Sending' : 'Receiving'} ${titleOf(t)}`);
    this.#el.fill = element('span', 'progress-fill');
    this.#el.bar.append(this.#el.fill);

    const status = element('p', 'transfer-status');
    this.#el.state = element('span', 'transfer-state');
    this.#el.state.setAttribute('aria-live', 'polite');
    this.#el.stats = element('span', 'transfer-stats');
    status.append(this.#el.state, this.#el.stats);

    this.#el.error = element('p', 'transfer-error');
    this.#el.message = element('div', 'transfer-message');
    this.#el.files = element('ul', 'transfer-files');
    this.#el.actions = element('div', 'transfer-actions');
    root.append(head, this.#el.bar, status, this.#el.error, this.#el.message, this.#el.files, this.#el.actions);
    return root;
  }

  #render() {
    const t = this.#transfer;
    this.root.dataset.state = t.state;
    this.root.dataset.direction = t.direction;
    this.#el.route.textContent = t.route === 'relay' ? 'Relay' : t.route === 'direct' ? 'Direct' : '';
    this.#el.route.title = t.route === 'relay'
      ? 'Through the LANVan server (still end-to-end encrypted)' : 'Straight between the two browsers';
    this.#el.route.hidden = !t.route;
    this.#el.route.classList.toggle('badge-relay', t.route === 'relay');
    this.#el.state.textContent = stateLabel(t);
    this.#el.error.hidden = !t.error;
    this.#el.error.textContent = t.error?.message ?? '';
    this.#el.bar.hidden = !ACTIVE.has(t.state) && t.state !== 'completed';
    this.#renderProgress();
    this.#renderActions();
    if (t.state === 'completed' && t.direction === 'receive' && !this.#shownResult) {
      this.#shownResult = true;
      this.#showReceived();
    }
  }

  #renderProgress() {
    const { bytes, total, bytesPerSecond, etaSeconds } = this.#transfer.progress;
    const percent = percentOf(bytes, total);
    this.#el.bar.setAttribute('aria-valuenow', String(percent));
    this.#el.bar.setAttribute('aria-valuetext', `${percent}%, ${formatBytes(bytes)} of ${formatBytes(total)}`);
    // CSSOM, not a style attribute: allowed under style-src 'self'.
    this.#el.fill.style.width = `${percent}%`;
    const running = this.#transfer.state === 'transferring';
    this.#el.stats.textContent = running
      ? [`${percent}%`, formatSpeed(bytesPerSecond), formatEta(etaSeconds)].filter(Boolean).join(' · ')
      : '';
  }

  #renderActions() {
    const t = this.#transfer;
    const buttons = [];
    if (t.state === 'offered' && t.direction === 'receive') {
      buttons.push(button('Accept', () => t.accept(), 'button'), button('Decline', () => t.decline()));
    } else if (ACTIVE.has(t.state)) {
      buttons.push(button(t.state === 'offered' ? 'Cancel offer' : 'Cancel', () => t.cancel()));
    } else {
      buttons.push(button('Dismiss', () => this.#dismiss(), 'button button-quiet', `Dismiss ${titleOf(t)}`));
    }
    // A keyboard user who just pressed Cancel keeps the focus on this transfer's actions.
    const hadFocus = this.#el.actions.contains(document.activeElement);
    this.#el.actions.replaceChildren(...buttons);
    if (hadFocus) buttons[0].focus();
  }

  async #showReceived() {
    const t = this.#transfer;
    if (isTextMessage(t.files)) {
      const text = await (await t.files[0].file()).text();
      const quote = element('blockquote', 'message-text', text);
      const copy = button('Copy text', async () => {
        await navigator.clipboard?.writeText(text);
        copy.textContent = 'Copied';
      });
      this.#el.message.replaceChildren(quote, copy);
      return;
    }
    const rows = t.files.slice(0, SAVE_BUTTONS_SHOWN).map((file) => {
      const row = element('li', 'transfer-file');
      row.append(element('span', 'transfer-file-name', file.name), element('span', 'transfer-file-size', formatBytes(file.size)),
        button('Save', async () => this.#onSave(await file.file()), 'chip', `Save ${file.name}`));
      return row;
    });
    if (t.files.length > SAVE_BUTTONS_SHOWN) {
      const more = element('li', 'transfer-file');
      more.append(element('span', 'transfer-file-name', `and ${t.files.length - SAVE_BUTTONS_SHOWN} more`));
      rows.push(more);
    }
    if (t.files.length > 1) {
      const all = element('li', 'transfer-file');
      all.append(button(`Save all ${t.files.length} files`, async () => {
        for (const file of t.files) await this.#onSave(await file.file());
      }, 'button'));
      rows.push(all);
    }
    this.#el.files.replaceChildren(...rows);
  }

  #dismiss() {
    this.#transfer.release?.();
    this.root.remove();
    this.#onDismiss();
  }
}

const titleOf = (transfer) => (isTextMessage(transfer.files) ? 'Text message' : summarizeFiles(transfer.files));

function element(tag, className, text) {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function button(label, onClick, className = 'button button-quiet', ariaLabel) {
  const el = element('button', className, label);
  el.type = 'button';
  if (ariaLabel) el.setAttribute('aria-label', ariaLabel);
  el.addEventListener('click', onClick);
  return el;
}
