// Who this device is to its peers (docs/protocol.md, hello): an ECDSA P-256 identity key pair whose
// private key cannot be exported (it stays in IndexedDB as a CryptoKey), the deviceId derived from
// its public key (so the id cannot be claimed without the key), a name the user may change, and
// its platform. What this device knows of its peers' keys is in trust.js.
// Knows nothing of the DOM; the store is injected.

import { describeDevice, platformOf } from './device.js';
import { deviceIdOf, exportIdentityKey, generateIdentityKeyPair, signHelloProof } from './transfer/crypto.js';

export const MAX_NAME_CHARS = 64;

/** A name as hello and rename accept it: trimmed, no control characters, 1-64 characters. */
export function normalizeDeviceName(raw) {
  const name = String(raw ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim().slice(0, MAX_NAME_CHARS).trim();
  if (!name) throw new RangeError('A device name needs at least one character.');
  return name;
}

export class DeviceIdentity {
  #store;
  #record;
  #identityKey;

  /**
   * Loads this device's identity from `store`, making one on the first visit. `lock(fn)` runs fn
   * exclusively across tabs (Web Locks), so two tabs opened at once do not make two identities.
   */
  static async load({ store, userAgent = '', maxTouchPoints = 0, lock = (fn) => fn() }) {
    return lock(async () => {
      let record = await store.get('identity');
      if (!record?.keyPair?.privateKey) {
        const keyPair = await generateIdentityKeyPair();
        const device = describeDevice(userAgent, { maxTouchPoints });
        record = { keyPair, name: device.label };
      }
      const identityKey = await exportIdentityKey(record.keyPair.publicKey);
      const deviceId = await deviceIdOf(identityKey);
      // Devices from before protocol 2 kept a random id: they take the one their key gives (an admin
      // who approved the old id approves the new one; docs/admin-guide.md).
      if (record.deviceId !== deviceId) {
        record = { ...record, deviceId };
        await store.set('identity', record);
      }
      const identity = new DeviceIdentity(store, record, identityKey);
      identity.platform = platformOf(describeDevice(userAgent, { maxTouchPoints }).system);
      return identity;
    });
  }

  constructor(store, record, identityKey) {
    this.#store = store;
    this.#record = record;
    this.#identityKey = identityKey;
    this.platform = 'other';
  }

  get deviceId() { return this.#record.deviceId; }
  get name() { return this.#record.name; }
  /** base64url SPKI of the public identity key */
  get identityKey() { return this.#identityKey; }
  /** non-extractable; signs key shares */
  get privateKey() { return this.#record.keyPair.privateKey; }

  /** Sets and keeps a new name; returns it normalized. Throws a RangeError for an empty one. */
  async rename(raw) {
    const name = normalizeDeviceName(raw);
    this.#record = { ...this.#record, name };
    await this.#store.set('identity', this.#record);
    return name;
  }

  /** The signature of hello.proof for a challenge ({nonce, protocol, host}); the device id is this one. */
  proveHello({ nonce, protocol, host }) {
    return signHelloProof(this.privateKey, { nonce, protocol, host, deviceId: this.deviceId });
  }

  /** The fields of hello. */
  helloFields() {
    return { deviceId: this.deviceId, name: normalizeDeviceName(this.name), platform: this.platform, identityKey: this.#identityKey };
  }
}
