// The "Devices nearby" card: a tile per peer that takes dropped files and folders, opens the file
// picker on click or Enter, offers "Send folder", "Send text", "Verify" and "Report", and says
// whether the device is verified; peers refused for a lying identity are listed apart and never
// offered; an honest empty state otherwise. Renders what lanvan says; actions go through the callbacks.

import { filesFromDrop, filesFromInput } from './drop.js';
import { platformIcon } from './icons.js';
import { platformLabel } from './format.js';

const BADGES = {
  verified: 'Verified',
  unverified: 'New device, not verified',
  changed: 'Key changed',
};

const EMPTY = {
  connecting: ['Looking for devices…', 'Connecting to the LANVan server.'],
  offline: ['Reconnecting to the server…', 'Devices appear again as soon as the connection is back.'],
  unavailable: ['Finding devices is paused.', "The server's signaling capability is stopped. This page reconnects on its own when it is back."],
  online: ['No other devices yet', 'Open this page on another device on the same network, or pair with a code.'],
  refused: ['The server does not let this device in.', 'Ask your administrator.'],
};

export class DeviceList {
  #list;
  #empty;
  #emptyTitle;
  #emptyDetail;
  #hint;
  #fileInput;
  #folderInput;
  #tiles = new Map();
  #target = null;
  #callbacks;
  #refused;
  #refusedList;

  /**
   * @param {HTMLElement} card the nearby card
   * @param {{onFiles(peer, files): void, onText(peer): void, onTrust(peer): void, onVerify(peer): void, onReport(peer): void}} callbacks
   */
  constructor(card, callbacks) {
    this.#callbacks = callbacks;
    this.#list = card.querySelector('[data-peer-list]');
    this.#empty = card.querySelector('[data-peers-empty]');
    this.#emptyTitle = card.querySelector('[data-empty-title]');
    this.#emptyDetail = card.querySelector('[data-empty-detail]');
    this.#hint = card.querySelector('[data-nearby-hint]');
    this.#refused = card.querySelector('[data-refused-peers]');
    this.#refusedList = card.querySelector('[data-refused-list]');
    this.#fileInput = document.querySelector('[data-file-input]');
    this.#folderInput = document.querySelector('[data-folder-input]');
    for (const input of [this.#fileInput, this.#folderInput]) {
      input.addEventListener('change', () => {
        const files = filesFromInput(input);
        if (this.#target && files.length) this.#callbacks.onFiles(this.#target, files);
        input.value = '';
      });
    }
  }

  /**
   * @param {{peers: {id, name, platform, verification}[], refused: {id, name}[], status: string,
   *   refusal?: {message: string}|null}} state refusal: why the server refuses this device (status 'refused')
   */
  render({ peers, refused = [], status, refusal = null }) {
    const seen = new Set();
    for (const peer of peers) {
      seen.add(peer.id);
      let tile = this.#tiles.get(peer.id);
      if (!tile) {
        tile = this.#createTile(peer);
        this.#tiles.set(peer.id, tile);
      }
      this.#updateTile(tile, peer);
      this.#list.append(tile.root); // keeps the server's order; moving a node keeps its focus
    }
    for (const [id, tile] of this.#tiles) {
      if (!seen.has(id)) {
        tile.root.remove();
        this.#tiles.delete(id);
      }
    }
    const empty = peers.length === 0;
    this.#empty.hidden = !empty;
    this.#list.hidden = empty;
    this.#hint.hidden = empty;
    const [title, detail] = EMPTY[status] ?? EMPTY.connecting;
    this.#emptyTitle.textContent = title;
    // The server's own words say why (on hold, revoked, awaiting approval) and name the device id.
    this.#emptyDetail.textContent = status === 'refused' && refusal?.message ? `${refusal.message.replace(/\.?$/, '.')} ${detail}` : detail;
    this.#refused.hidden = refused.length === 0;
    this.#refusedList.replaceChildren(...refused.map((peer) => {
      const li = document.createElement('li');
      li.textContent = peer.name || 'A device without a name';
      li.dataset.peerId = peer.id;
      return li;
    }));
  }

  #createTile(peer) {
    const root = document.createElement('li');
    root.className = 'device-tile';

    const main = document.createElement('button');
    main.type = 'button';
    main.className = 'device-main';
    const iconBox = document.createElement('span');
    iconBox.className = 'device-icon';
    const text = document.createElement('span');
    text.className = 'device-text';
    const name = document.createElement('span');
    name.className = 'device-name';
    const platform = document.createElement('span');
    platform.className = 'device-platform';
    const badge = document.createElement('span');
    badge.className = 'device-badge';
    const cue = document.createElement('span');
    cue.className = 'device-cue';
    cue.textContent = 'Drop files or tap to choose';
    text.append(name, platform, badge, cue);
    main.append(iconBox, text);

    const actions = document.createElement('div');
    actions.className = 'device-actions';
    const folder = chip('Send folder');
    const message = chip('Send text');
    const verify = chip('Verify');
    const report = chip('Report');
    folder.hidden = !('webkitdirectory' in this.#folderInput);
    actions.append(folder, message, verify, report);

    const warning = document.createElement('p');
    warning.className = 'device-warning';
    const warningText = document.createElement('span');
    const trust = chip('Trust new key');
    warning.append(warningText, trust);

    root.append(main, actions, warning);
    const tile = { root, main, iconBox, name, platform, badge, folder, message, verify, report, warning, warningText, trust, peer };
    main.addEventListener('click', () => this.#pick(tile.peer, this.#fileInput));
    folder.addEventListener('click', () => this.#pick(tile.peer, this.#folderInput));
    message.addEventListener('click', () => this.#callbacks.onText(tile.peer));
    trust.addEventListener('click', () => this.#callbacks.onTrust(tile.peer));
    verify.addEventListener('click', () => this.#callbacks.onVerify(tile.peer));
    report.addEventListener('click', () => this.#callbacks.onReport(tile.peer));
    this.#acceptDrops(tile);
    return tile;
  }

  #updateTile(tile, peer) {
    const changed = peer.verification === 'changed';
    tile.peer = peer;
    tile.root.dataset.peerId = peer.id;
    if (tile.iconBox.dataset.platform !== peer.platform) {
      tile.iconBox.replaceChildren(platformIcon(peer.platform, { size: 32 }));
      tile.iconBox.dataset.platform = peer.platform;
    }
    tile.name.textContent = peer.name;
    tile.platform.textContent = platformLabel(peer.platform);
    const badge = BADGES[peer.verification] ?? BADGES.unverified;
    tile.main.setAttribute('aria-label', `Send files to ${peer.name} (${platformLabel(peer.platform)}, ${badge.toLowerCase()})`);
    tile.folder.setAttribute('aria-label', `Send a folder to ${peer.name}`);
    tile.message.setAttribute('aria-label', `Send text to ${peer.name}`);
    tile.verify.setAttribute('aria-label', `Verify ${peer.name} with a safety code`);
    tile.report.setAttribute('aria-label', `Report ${peer.name}`);
    tile.badge.textContent = badge;
    tile.badge.dataset.verification = peer.verification;
    tile.root.dataset.verification = peer.verification;
    tile.warningText.textContent = `${peer.name} shows another key than the device you knew by this name. It may be another `
      + 'device with the same name, the same device after its browser data was cleared, or someone posing as it. '
      + 'Files from it are never accepted automatically: compare safety codes with its owner (Verify) before you trust it.';
    tile.warning.hidden = !changed;
    tile.root.classList.toggle('has-warning', changed);
  }

  #pick(peer, input) {
    this.#target = peer;
    input.click();
  }

  #acceptDrops(tile) {
    let depth = 0; // dragenter/dragleave fire for every child crossed
    const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
    tile.root.addEventListener('dragenter', (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      tile.root.classList.add('is-drop-target');
    });
    tile.root.addEventListener('dragover', (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    });
    tile.root.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) tile.root.classList.remove('is-drop-target');
    });
    tile.root.addEventListener('drop', async (event) => {
      event.preventDefault();
      depth = 0;
      tile.root.classList.remove('is-drop-target');
      const files = await filesFromDrop(event.dataTransfer);
      if (files.length) this.#callbacks.onFiles(tile.peer, files);
    });
  }
}

function chip(label) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'chip';
  button.textContent = label;
  return button;
}
