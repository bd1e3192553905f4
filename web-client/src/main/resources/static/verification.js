// What people compare to know they talk to each other and not to someone the server put in between
// (docs/security.md, "Verifying devices"): a device's fingerprint, the check that an announced
// peer's deviceId really is its key's, and the safety code of two devices. Everything is computed
// here from the identity keys themselves, never taken from the server. Knows nothing of the DOM.

import { concatBytes, fromBase64Url, toBase64Url, toHex, utf8 } from './encoding.js';
import { importIdentityKey } from './transfer/crypto.js';
import { sha256 } from './vendor/noble-hashes/sha2.js';

export const SAFETY_CODE_LABEL = 'LANVan safety code v1';
/** SHA-256 runs 4096 times in all: it makes the search for a matching pair of forged keys 2^12 times dearer. */
export const SAFETY_CODE_ROUNDS = 4096;
export const SAFETY_CODE_GROUPS = 6;
const SAFETY_QR_PREFIX = 'LANVAN-SAFETY-1:';

/** Lowercase hex SHA-256 of a base64url SPKI: the same 32 bytes as its honest deviceId. */
export async function fingerprintOf(spkiBase64Url) {
  return toHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', fromBase64Url(spkiBase64Url))));
}

/** A fingerprint for people: 16 groups of 4 hex digits. */
export function formatFingerprint(hex) {
  return String(hex ?? '').match(/.{1,4}/g)?.join(' ') ?? '';
}

/**
 * Whether a peer as the server announced it is the device its key makes it: the identity key is a
 * P-256 SPKI and the deviceId is base64url(SHA-256(SPKI)).
 * @returns {Promise<{ok: true, fingerprint: string} | {ok: false, reason: 'malformed-key'|'id-mismatch'}>}
 */
export async function checkAnnouncedIdentity({ deviceId, identityKey }) {
  let spki;
  try {
    spki = fromBase64Url(identityKey);
    await importIdentityKey(identityKey);
  } catch {
    return { ok: false, reason: 'malformed-key' };
  }
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', spki));
  if (typeof deviceId !== 'string' || deviceId !== toBase64Url(digest)) return { ok: false, reason: 'id-mismatch' };
  return { ok: true, fingerprint: toHex(digest) };
}

/**
 * The safety code of two devices, the same whichever of them computes it:
 *   first, second = the two SPKIs (DER bytes), sorted bytewise
 *   h = SHA-256("LANVan safety code v1" ‖ 0x00 ‖ u32be(len first) ‖ first ‖ u32be(len second) ‖ second)
 *   h = SHA-256(h), 4095 times more
 *   group i (0..5) = (big-endian integer of h[5i .. 5i+5]) mod 100000, five digits
 * @returns {string} six groups of five digits separated by spaces, e.g. "01234 56789 …"
 */
export function safetyCode(spkiA, spkiB) {
  const [first, second] = [fromBase64Url(spkiA), fromBase64Url(spkiB)].sort(compareBytes);
  let h = sha256(concatBytes(utf8(SAFETY_CODE_LABEL), new Uint8Array([0]), u32(first.length), first, u32(second.length), second));
  for (let round = 1; round < SAFETY_CODE_ROUNDS; round += 1) h = sha256(h);
  const groups = [];
  for (let i = 0; i < SAFETY_CODE_GROUPS; i += 1) {
    let value = 0;
    for (const byte of h.subarray(5 * i, 5 * i + 5)) value = value * 256 + byte; // < 2^40, exact in a double
    groups.push(String(value % 100_000).padStart(5, '0'));
  }
  return groups.join(' ');
}

/** The text of a safety code's QR code. */
export function safetyQrText(code) {
  return SAFETY_QR_PREFIX + String(code).replace(/\D/g, '');
}

/** The safety code a scanned QR code carries, in display form, or null when it is not one. */
export function readSafetyQr(text) {
  const match = /^LANVAN-SAFETY-1:(\d{30})$/.exec(String(text ?? '').trim());
  return match ? match[1].match(/\d{5}/g).join(' ') : null;
}

function compareBytes(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function u32(n) {
  return new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}
