// Plays the server's side of hello (docs/protocol.md): challenges the device, checks with WebCrypto
// that the proof is the announced key's signature over the bytes the server verifies, and welcomes.

import { fromBase64Url } from '../../main/resources/static/encoding.js';
import { deviceIdOf, helloProofMessage, importIdentityKey } from '../../main/resources/static/transfer/crypto.js';
import { eventually } from './transfer-fakes.mjs';

const nonces = (function* counter() { for (let i = 0; ; i++) yield `nonce-${i}-${'x'.repeat(30)}`; }());

/**
 * Answers `hello` (a frame the client sent on `socket`) with a challenge, waits for the proof, and
 * throws unless it verifies for `host` (the host of the socket's URL). Then sends `welcome`.
 * @returns {Promise<object>} the hello.proof frame
 */
export async function proveAndWelcome(socket, hello, welcome, { host = 'lanvan.test' } = {}) {
  const nonce = nonces.next().value;
  const proofsBefore = socket.sent.filter((f) => f.type === 'hello.proof').length;
  socket.serverSends({ type: 'hello.challenge', inReplyTo: hello.id, nonce });
  const proof = await eventually(() => socket.sent.filter((f) => f.type === 'hello.proof')[proofsBefore], { what: 'hello.proof' });
  if (hello.protocol !== 2) throw new Error(`hello says protocol ${hello.protocol}, not 2`);
  if (hello.deviceId !== await deviceIdOf(hello.identityKey)) throw new Error('the deviceId is not the key\'s');
  const key = await importIdentityKey(hello.identityKey);
  const message = helloProofMessage({ nonce, protocol: 2, host, deviceId: hello.deviceId });
  const signature = fromBase64Url(proof.signature);
  if (signature.length !== 64 || !await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, message)) {
    throw new Error('the hello proof does not verify');
  }
  socket.serverSends({ type: 'welcome', inReplyTo: proof.id, protocol: 2, ...welcome });
  return proof;
}
