// Page-wide feedback: a confirmation dialog (native <dialog>: focus moves in and returns, Escape
// cancels) and short status messages in a live region that screen readers announce.

const TOAST_MS = 6000;

export class Feedback {
  #dialog;
  #toast;
  #toastTimer = null;

  /** @param {Document} doc with [data-confirm] (dialog) and [data-toast] (live region) */
  constructor(doc) {
    this.#dialog = doc.querySelector('[data-confirm]');
    this.#toast = doc.querySelector('[data-toast]');
  }

  /**
   * Asks before something that cannot be taken back at once. The safe choice has the focus.
   * @param {{title: string, message: string, warning?: string, confirmLabel: string}} question
   * @returns {Promise<boolean>}
   */
  confirm({ title, message, warning = '', confirmLabel }) {
    const dialog = this.#dialog;
    dialog.querySelector('[data-confirm-title]').textContent = title;
    dialog.querySelector('[data-confirm-message]').textContent = message;
    const warningEl = dialog.querySelector('[data-confirm-warning]');
    warningEl.textContent = warning;
    warningEl.hidden = !warning;
    dialog.querySelector('[data-confirm-ok]').textContent = confirmLabel;
    const returnFocus = document.activeElement;
    dialog.returnValue = 'cancel';
    dialog.showModal();
    dialog.querySelector('[data-confirm-cancel]').focus();
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => {
        if (returnFocus?.isConnected) returnFocus.focus();
        resolve(dialog.returnValue === 'confirm');
      }, { once: true });
    });
  }

  /** A short message, shown for a few seconds and announced. tone: ok, info or danger. */
  say(text, tone = 'ok') {
    clearTimeout(this.#toastTimer);
    const box = document.createElement('p');
    box.className = `toast toast-${tone}`;
    box.textContent = text;
    this.#toast.replaceChildren(box);
    this.#toastTimer = setTimeout(() => this.#toast.replaceChildren(), TOAST_MS);
  }
}
