// Incremental SHA-256 of a file as its chunks go by (WebCrypto only digests whole buffers), with
// the audited @noble/hashes implementation vendored under ../vendor/. Knows nothing of the DOM.

import { toHex } from '../encoding.js';
import { sha256 } from '../vendor/noble-hashes/sha2.js';

/** @returns {{update(bytes: Uint8Array): void, hex(): string}} hex() finishes the hash */
export function createSha256() {
  const hash = sha256.create();
  return {
    update(bytes) {
      hash.update(bytes);
    },
    hex() {
      return toHex(hash.digest());
    },
  };
}

/** SHA-256 values are compared as lowercase hex strings of 64 characters. */
export const isSha256Hex = (value) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
