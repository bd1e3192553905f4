// What this device knows about the keys of its peers, kept by key fingerprint (never by an id the
// server hands out): which keys its user verified with a safety code, and which key it first met
// under a device name, so that another key under a known name is shown as a changed key.
// Fails closed: a storage error never makes a key verified. Knows nothing of the DOM; the store is
// injected (keyvalue.js).
//
// Storage keys (docs/client-api.md, "Verification"):
//   trust:verified:<fingerprint>          {fingerprint, name, platform, verifiedAt}
//   trust:name:<platform>:<name folded>   {fingerprint, verified, since}  the key last known under that name

import { isDescribedLabel } from './device.js';

export const Verification = Object.freeze({ UNVERIFIED: 'unverified', VERIFIED: 'verified', CHANGED: 'changed' });

const verifiedKey = (fingerprint) => `trust:verified:${fingerprint}`;
const nameKey = (name, platform) => `trust:name:${platform}:${String(name).trim().toLowerCase()}`;

// Many devices share the names LANVan makes up ("Chrome on Android"): only a verified device is
// recognised by such a name.
const isAutomaticName = isDescribedLabel;

export class PeerTrust {
  #store;

  /** @param {object|Promise<object>} store a key-value store (see keyvalue.js) */
  constructor(store) {
    this.#store = Promise.resolve(store);
  }

  /** Whether the user verified this key; false on any error (fails closed). */
  async isVerified(fingerprint) {
    try {
      const record = await (await this.#store).get(verifiedKey(fingerprint));
      return record?.fingerprint === fingerprint;
    } catch {
      return false;
    }
  }

  /**
   * The verification state of a peer's key:
   * - 'verified' when its user verified this very key;
   * - 'changed' when the key is not verified and another key is known under the same name and
   *   platform (a name the user chose, or any name of a verified device), while that other key is
   *   not online itself (`present`: the fingerprints of the peers listed now);
   * - 'unverified' otherwise, and on any storage error.
   * The first key met under a chosen name is remembered (trust on first use of the name).
   */
  async assess({ fingerprint, name, platform }, present = new Set()) {
    if (await this.isVerified(fingerprint)) {
      await this.#remember(name, platform, fingerprint, true).catch(() => {});
      return Verification.VERIFIED;
    }
    try {
      const store = await this.#store;
      const known = await store.get(nameKey(name, platform));
      if (known && known.fingerprint !== fingerprint) {
        const recognisable = known.verified === true || !isAutomaticName(name);
        return recognisable && !present.has(known.fingerprint) ? Verification.CHANGED : Verification.UNVERIFIED;
      }
      if (!known && !isAutomaticName(name)) await this.#remember(name, platform, fingerprint, false);
    } catch {
      // Not knowing the name is not knowing a change: the key stays unverified.
    }
    return Verification.UNVERIFIED;
  }

  /** Records that the user verified this key (by safety code); throws when it cannot be kept. */
  async markVerified({ fingerprint, name, platform }) {
    const store = await this.#store;
    await store.set(verifiedKey(fingerprint), { fingerprint, name, platform, verifiedAt: new Date().toISOString() });
    await this.#remember(name, platform, fingerprint, true);
  }

  /** Forgets that the user verified this key. */
  async forget(fingerprint) {
    await (await this.#store).delete(verifiedKey(fingerprint));
  }

  /** Takes this key as the one known under its name from now on, without verifying it (the user accepted a change). */
  async acceptKey({ fingerprint, name, platform }) {
    await this.#remember(name, platform, fingerprint, false, { replace: true });
  }

  async #remember(name, platform, fingerprint, verified, { replace = verified } = {}) {
    const store = await this.#store;
    const key = nameKey(name, platform);
    const known = await store.get(key);
    if (known?.fingerprint === fingerprint && (known.verified === true || !verified)) return;
    if (known && !replace && known.fingerprint !== fingerprint) return;
    await store.set(key, { fingerprint, verified, since: new Date().toISOString() });
  }
}
