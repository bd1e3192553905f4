// End-to-end keys of one transfer (docs/transfer.md, "Keys"): each side makes an ephemeral ECDH
// P-256 key pair, signs its public key with its long-lived ECDSA identity key over a context that
// names the role and the transfer, and checks the other side's signature with the identity key the
// server announced for that peer. ECDH → HKDF-SHA-256 (salt = transfer id, info "lanvan/1 transfer")
// → AES-256-GCM, which seals every frame on the data path. Only WebCrypto; knows nothing of the DOM.

import { concatBytes, fromBase64Url, toBase64Url, toHex, utf8 } from '../encoding.js';
import { aadOf, decodeHeader, encodeHeader, HEADER_BYTES, nonceOf } from './framing.js';

const subtle = () => globalThis.crypto.subtle;
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' };
const ECDSA_SIGN = { name: 'ECDSA', hash: 'SHA-256' };
const ECDH = { name: 'ECDH', namedCurve: 'P-256' };
export const HKDF_INFO = 'lanvan/1 transfer';
export const KEY_SHARE_CONTEXT = 'lanvan/1 key-share';
export const FINGERPRINT_CONTEXT = 'lanvan/1 dtls-fingerprint';
export const HELLO_CONTEXT = 'LANVan hello v2';
export const Role = Object.freeze({ OFFER: 'offer', ACCEPT: 'accept' });

export class KeyShareError extends Error {
  constructor(message) {
    super(message);
    this.name = 'KeyShareError';
  }
}

/** A device's identity key pair; the private key can sign but never be exported. */
export function generateIdentityKeyPair() {
  return subtle().generateKey(ECDSA, false, ['sign', 'verify']);
}

/** base64url SPKI, as `hello.identityKey` carries it. */
export async function exportIdentityKey(publicKey) {
  return toBase64Url(await subtle().exportKey('spki', publicKey));
}

/** A device's id (docs/protocol.md, hello): base64url of the SHA-256 of its identity key's SPKI. */
export async function deviceIdOf(spkiBase64Url) {
  return toBase64Url(await subtle().digest('SHA-256', fromBase64Url(spkiBase64Url)));
}

/** The exact bytes a device signs to prove its key in hello: label, nonce, protocol, host, device id, one per line. */
export function helloProofMessage({ nonce, protocol, host, deviceId }) {
  return utf8([HELLO_CONTEXT, nonce, String(protocol), host, deviceId].join('\n'));
}

/** @returns {Promise<string>} the `signature` of hello.proof: ECDSA P-256 / SHA-256, r‖s, base64url */
export async function signHelloProof(identityPrivateKey, challenge) {
  return toBase64Url(await subtle().sign(ECDSA_SIGN, identityPrivateKey, helloProofMessage(challenge)));
}

export function importIdentityKey(spkiBase64Url) {
  return subtle().importKey('spki', fromBase64Url(spkiBase64Url), ECDSA, true, ['verify']);
}

/** What an offer's key share is bound to: the file list as offered (names, sizes, types, piece roots, in order). */
export async function manifestBinding(files) {
  const canonical = JSON.stringify(files.map((f) => [f.name, f.size, f.type, f.root]));
  return new Uint8Array(await subtle().digest('SHA-256', utf8(canonical)));
}

/** What an accept's key share is bound to: the offer's ephemeral public key. */
export async function offerBinding(offerPublicKey) {
  return new Uint8Array(await subtle().digest('SHA-256', offerPublicKey));
}

/** The exact bytes an identity key signs for a key share. */
export function keyShareMessage({ role, transferId, binding, publicKey }) {
  return concatBytes(utf8(`${KEY_SHARE_CONTEXT}\n${role}\n${transferId}\n${toHex(binding)}\n`), publicKey);
}

/** A fresh ephemeral ECDH key pair and its raw (65-byte, uncompressed) public key. */
export async function generateKeyShare() {
  const keyPair = await subtle().generateKey(ECDH, false, ['deriveBits']);
  const publicKey = new Uint8Array(await subtle().exportKey('raw', keyPair.publicKey));
  return { keyPair, publicKey };
}

/** @returns {Promise<{publicKey: string, signature: string}>} the `keyShare` of an offer or accept */
export async function signKeyShare(identityPrivateKey, { role, transferId, binding, publicKey }) {
  const signature = await subtle().sign(ECDSA_SIGN, identityPrivateKey, keyShareMessage({ role, transferId, binding, publicKey }));
  return { publicKey: toBase64Url(publicKey), signature: toBase64Url(signature) };
}

/**
 * Checks a received key share against the sender's identity key (a CryptoKey or base64url SPKI).
 * @returns {Promise<Uint8Array>} the raw ephemeral public key; throws KeyShareError when forged
 */
export async function verifyKeyShare(identityKey, { role, transferId, binding, keyShare }) {
  let publicKey;
  let signature;
  let key;
  try {
    publicKey = fromBase64Url(keyShare?.publicKey);
    signature = fromBase64Url(keyShare?.signature);
    key = typeof identityKey === 'string' ? await importIdentityKey(identityKey) : identityKey;
  } catch {
    throw new KeyShareError('The key share is malformed');
  }
  const valid = publicKey.length === 65 && signature.length === 64
    && await subtle().verify(ECDSA_SIGN, key, signature, keyShareMessage({ role, transferId, binding, publicKey }));
  if (!valid) throw new KeyShareError('The key share is not signed by the device it claims to come from');
  return publicKey;
}

/**
 * The DTLS certificate fingerprints an SDP names (its `a=fingerprint:` lines, session or media
 * level), each as "<hash function, lower case> <hex pairs, upper case, colon-separated>", in the
 * order they appear, repeats left out. Empty when there is none.
 */
export function sdpFingerprints(sdp) {
  const found = [];
  for (const line of String(sdp ?? '').split(/\r?\n/)) {
    const match = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/.exec(line);
    if (!match) continue;
    const value = `${match[1].toLowerCase()} ${match[2].toUpperCase()}`;
    if (!found.includes(value)) found.push(value);
  }
  return found;
}

/** The exact bytes an identity key signs for the fingerprints of a description it sends. */
export function fingerprintMessage({ role, transferId, fingerprints }) {
  return utf8(`${FINGERPRINT_CONTEXT}\n${role}\n${transferId}\n${fingerprints.join('\n')}`);
}

/**
 * Signs the DTLS fingerprints of a description this side sends (`role` = its type, offer or
 * answer), so the peer can tell a description the server swapped for its own.
 * @returns {Promise<string>} base64url ECDSA P-256 / SHA-256 signature, r‖s
 */
export async function signDescription(identityPrivateKey, { transferId, description }) {
  const fingerprints = sdpFingerprints(description?.sdp);
  if (fingerprints.length === 0) throw new KeyShareError('This browser made a connection description without a DTLS fingerprint');
  const message = fingerprintMessage({ role: description.type, transferId, fingerprints });
  return toBase64Url(await subtle().sign(ECDSA_SIGN, identityPrivateKey, message));
}

/**
 * Checks a received description's fingerprints against the sender's identity key.
 * @returns {Promise<string[]>} the fingerprints it vouches for; throws KeyShareError when they are
 *   missing, unsigned or signed by another key
 */
export async function verifyDescription(identityKey, { transferId, description, signature }) {
  const fingerprints = sdpFingerprints(description?.sdp);
  if (fingerprints.length === 0) throw new KeyShareError('The connection description names no DTLS fingerprint');
  if (description.type !== 'offer' && description.type !== 'answer') throw new KeyShareError('The connection description has no usable type');
  let bytes;
  let key;
  try {
    bytes = fromBase64Url(signature);
    key = typeof identityKey === 'string' ? await importIdentityKey(identityKey) : identityKey;
  } catch {
    throw new KeyShareError('The connection description carries no valid signature');
  }
  const message = fingerprintMessage({ role: description.type, transferId, fingerprints });
  const valid = bytes.length === 64 && await subtle().verify(ECDSA_SIGN, key, bytes, message);
  if (!valid) throw new KeyShareError('The connection description is not signed by the device it claims to come from');
  return fingerprints;
}

/** The transfer's AES-256-GCM key, the same on both sides; non-extractable. */
export async function deriveTransferKey(ownPrivateKey, peerPublicKey, transferId) {
  const peer = await subtle().importKey('raw', peerPublicKey, ECDH, false, []);
  const secret = await subtle().deriveBits({ name: 'ECDH', public: peer }, ownPrivateKey, 256);
  const ikm = await subtle().importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(transferId), info: utf8(HKDF_INFO) },
    ikm, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'],
  );
}

/** header ‖ AES-GCM(payload) for {kind, stream, seq}; see framing.js. */
export async function sealFrame(key, transferId, fields, payload) {
  const header = encodeHeader(fields);
  const ciphertext = await subtle().encrypt(
    { name: 'AES-GCM', iv: nonceOf(header), additionalData: aadOf(transferId, header), tagLength: 128 }, key, payload,
  );
  return concatBytes(header, new Uint8Array(ciphertext));
}

/**
 * Authenticates and decrypts a frame. Throws FrameError for a malformed header and a DOMException
 * (OperationError) when the tag does not match: a flipped byte, another key, or another position.
 * @returns {Promise<{kind: number, stream: number, seq: number, payload: Uint8Array}>}
 */
export async function openFrame(key, transferId, frame) {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  const fields = decodeHeader(bytes);
  const header = bytes.subarray(0, HEADER_BYTES);
  const payload = await subtle().decrypt(
    { name: 'AES-GCM', iv: nonceOf(header), additionalData: aadOf(transferId, header), tagLength: 128 },
    key, bytes.subarray(HEADER_BYTES),
  );
  return { ...fields, payload: new Uint8Array(payload) };
}
