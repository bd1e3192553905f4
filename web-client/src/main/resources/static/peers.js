// The peers as this device sees them, from the list the server announces: each one's deviceId is
// checked against its identity key (a peer whose id is not its key's is refused, never offered or
// trusted), and each valid key gets its verification state from trust.js. Knows nothing of the DOM.

import { Verification } from './trust.js';
import { checkAnnouncedIdentity } from './verification.js';

const CHECKS_KEPT = 512;

/** Why a peer is refused, for people. */
export const REFUSED_REASONS = Object.freeze({
  'id-mismatch': 'Its device id is not the one its identity key gives: the server announced it wrongly.',
  'malformed-key': 'Its identity key is not a valid key.',
});

export class PeerDirectory {
  #trust;
  #checks = new Map(); // `${deviceId} ${identityKey}` → Promise of checkAnnouncedIdentity()
  #announced = [];
  #records = Object.freeze([]);
  #refused = Object.freeze([]);
  #changed = new Set(); // fingerprints already told of as changed

  /** @param {{trust: import('./trust.js').PeerTrust}} deps */
  constructor({ trust }) {
    this.#trust = trust;
  }

  /** Valid peers: the server's record plus {fingerprint, verification}. */
  get records() { return this.#records; }

  /** Peers refused because their identity does not hold: {peerId, deviceId, name, platform, reason}. */
  get refused() { return this.#refused; }

  find(peerId) {
    return this.#records.find((p) => p.peerId === peerId) ?? null;
  }

  /**
   * Takes the server's list (or, without one, assesses the last again).
   * @returns {Promise<{changed: object[]}>} the records whose key became 'changed' with this list
   */
  async update(announced = this.#announced) {
    this.#announced = announced;
    const valid = [];
    const refused = [];
    for (const record of announced) {
      const check = await this.#check(record);
      if (check.ok) valid.push({ ...record, fingerprint: check.fingerprint });
      else refused.push(Object.freeze({ peerId: record.peerId, deviceId: String(record.deviceId ?? ''), name: String(record.name ?? ''), platform: record.platform, reason: check.reason }));
    }
    const present = new Set(valid.map((p) => p.fingerprint));
    const records = [];
    const changed = [];
    for (const record of valid) {
      const verification = await this.#trust.assess(record, present).catch(() => Verification.UNVERIFIED);
      if (verification === Verification.CHANGED && !this.#changed.has(record.fingerprint)) changed.push(record);
      if (verification === Verification.CHANGED) this.#changed.add(record.fingerprint);
      else this.#changed.delete(record.fingerprint);
      records.push(Object.freeze({ ...record, verification }));
    }
    this.#records = Object.freeze(records);
    this.#refused = Object.freeze(refused);
    return { changed };
  }

  #check(record) {
    const key = `${record.deviceId} ${record.identityKey}`;
    let check = this.#checks.get(key);
    if (!check) {
      if (this.#checks.size >= CHECKS_KEPT) this.#checks.clear();
      check = checkAnnouncedIdentity(record).catch(() => ({ ok: false, reason: 'malformed-key' }));
      this.#checks.set(key, check);
    }
    return check;
  }
}
