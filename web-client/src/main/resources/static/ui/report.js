// The "Report this device" dialog: a reason of at most 200 characters sent to the server
// (lanvan.peers.report); says in plain words whether the server received it.

export class ReportDialog {
  #dialog;
  #lanvan;
  #peer = null;
  #reason;
  #status;
  #send;
  #returnFocus = null;

  constructor(dialog, lanvan) {
    this.#dialog = dialog;
    this.#lanvan = lanvan;
    this.#reason = dialog.querySelector('[data-report-reason]');
    this.#status = dialog.querySelector('[data-report-status]');
    this.#send = dialog.querySelector('[data-report-send]');
    dialog.querySelector('[data-report-cancel]').addEventListener('click', () => dialog.close());
    dialog.querySelector('[data-report-form]').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    dialog.addEventListener('close', () => {
      if (this.#returnFocus?.isConnected) this.#returnFocus.focus();
    });
  }

  open(peer) {
    this.#peer = peer;
    this.#dialog.querySelector('[data-report-peer]').textContent = peer.name;
    this.#reason.value = '';
    this.#status.textContent = '';
    this.#status.dataset.tone = '';
    this.#send.disabled = false;
    this.#returnFocus = document.activeElement;
    this.#dialog.showModal();
    this.#reason.focus();
  }

  async #submit() {
    if (!this.#reason.value.trim()) {
      this.#status.textContent = 'Say in a few words what happened.';
      this.#reason.focus();
      return;
    }
    this.#send.disabled = true;
    this.#status.dataset.tone = '';
    this.#status.textContent = 'Sending the report…';
    try {
      await this.#lanvan.peers.report(this.#peer.id, this.#reason.value);
      this.#status.textContent = `The server received your report about ${this.#peer.name}.`;
    } catch (error) {
      this.#send.disabled = false;
      this.#status.dataset.tone = 'danger';
      this.#status.textContent = error.message;
    }
  }
}
