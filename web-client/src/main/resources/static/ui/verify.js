// The "Verify" dialog for one peer: the safety code both screens show, its QR code, both
// fingerprints, and "Codes match" (or scanning the other screen's QR code where the camera can).
// Confirming marks the peer verified on this device only; the text says that the other person
// confirms on their own screen. Renders what lanvan says and acts through lanvan.peers.

import { formatFingerprint, readSafetyQr, safetyQrText } from '../verification.js';
import { qrCodeSvg } from './qr.js';
import { canScanQr, scanQr } from './scan.js';

const STATES = {
  verified: 'You verified this device. It stays verified on this browser until you remove it.',
  unverified: 'New device, not verified yet.',
  changed: 'This device shows another key than the device you knew by this name. Verify it only if the codes match.',
};

export class VerifyDialog {
  #dialog;
  #lanvan;
  #peer = null;
  #code = null;
  #scanning = null;
  #returnFocus = null;
  #el;

  constructor(dialog, lanvan) {
    this.#dialog = dialog;
    this.#lanvan = lanvan;
    const $ = (name) => dialog.querySelector(`[data-verify-${name}]`);
    this.#el = {
      title: $('title'), state: $('state'), peerName: $('peer'), code: $('code'), qr: $('qr'), theirs: $('theirs'),
      mine: $('mine'), status: $('status'), confirm: $('confirm'), forget: $('forget'), scan: $('scan'), video: $('video'),
      scanBox: $('scan-box'),
    };
    $('close').addEventListener('click', () => dialog.close());
    this.#el.confirm.addEventListener('click', () => this.#confirm());
    this.#el.forget.addEventListener('click', () => this.#forget());
    this.#el.scan.addEventListener('click', () => this.#scan());
    dialog.addEventListener('close', () => this.#closed());
    lanvan.addEventListener('peers', () => this.#peersChanged());
    canScanQr().then((can) => { this.#el.scan.hidden = !can; });
  }

  async open(peer) {
    this.#peer = peer;
    this.#code = null;
    this.#el.title.textContent = `Verify ${peer.name}`;
    this.#el.peerName.textContent = peer.name;
    this.#el.code.textContent = 'Working out the code…';
    this.#el.qr.replaceChildren();
    this.#el.theirs.textContent = formatFingerprint(peer.fingerprint);
    this.#el.mine.textContent = formatFingerprint(this.#lanvan.identity.fingerprint);
    this.#el.status.textContent = '';
    this.#render(peer);
    this.#returnFocus = document.activeElement;
    this.#dialog.showModal();
    this.#el.confirm.focus();
    try {
      const code = await this.#lanvan.peers.safetyCode(peer.id);
      if (this.#peer !== peer) return;
      this.#code = code;
      this.#el.code.textContent = code;
      this.#el.qr.replaceChildren(qrCodeSvg(safetyQrText(code), `QR code of the safety code ${code}`));
    } catch (error) {
      this.#el.code.textContent = '';
      this.#el.status.textContent = error.message;
    }
  }

  #render(peer) {
    this.#el.state.textContent = STATES[peer.verification] ?? STATES.unverified;
    this.#el.state.dataset.verification = peer.verification;
    this.#el.confirm.hidden = peer.verification === 'verified';
    this.#el.forget.hidden = peer.verification !== 'verified';
  }

  async #confirm() {
    await this.#mark(() => 'Verified on this device. The other person confirms on their own screen to mark this device there.');
  }

  async #mark(message) {
    const peer = this.#peer;
    try {
      await this.#lanvan.peers.markVerified(peer.id);
      this.#el.status.textContent = message();
    } catch (error) {
      this.#el.status.textContent = `Not verified: ${error.message}`;
    }
  }

  async #forget() {
    try {
      await this.#lanvan.peers.forgetVerification(this.#peer.id);
      this.#el.status.textContent = 'Verification removed: this device is no longer marked verified here.';
    } catch (error) {
      this.#el.status.textContent = error.message;
    }
  }

  async #scan() {
    if (this.#scanning) return;
    this.#scanning = new AbortController();
    this.#el.scanBox.hidden = false;
    this.#el.status.textContent = "Point the camera at the QR code on the other device's screen.";
    let text = null;
    try {
      text = await scanQr(this.#el.video, this.#scanning.signal);
    } catch (error) {
      this.#el.status.textContent = `The camera could not be used: ${error.message}`;
    } finally {
      this.#scanning = null;
      this.#el.scanBox.hidden = true;
    }
    if (text === null || !this.#dialog.open) return;
    const scanned = readSafetyQr(text);
    if (!scanned) {
      this.#el.status.textContent = 'That QR code is not a LANVan safety code.';
    } else if (scanned !== this.#code) {
      this.#el.status.textContent = 'The codes do NOT match. Do not verify this device: someone may be between you. Report it or tell your administrator.';
    } else {
      await this.#mark(() => 'The codes match: verified on this device. The other person confirms on their own screen too.');
    }
  }

  #peersChanged() {
    if (!this.#dialog.open || !this.#peer) return;
    const now = this.#lanvan.peers.find((p) => p.fingerprint === this.#peer.fingerprint);
    if (!now) {
      this.#el.status.textContent = `${this.#peer.name} left. Verify it when it is back.`;
      this.#el.confirm.disabled = true;
      return;
    }
    this.#peer = now;
    this.#el.confirm.disabled = false;
    this.#render(now);
  }

  #closed() {
    this.#scanning?.abort();
    this.#peer = null;
    this.#el.confirm.disabled = false;
    if (this.#returnFocus?.isConnected) this.#returnFocus.focus();
    this.#returnFocus = null;
  }
}
