// A server that lies is caught (docs/transfer.md, "Binding the direct path"; docs/security.md):
// the page's /ws frames are rewritten on their way in (support/lying-server.mjs), as a malicious
// or compromised server could. A swapped DTLS fingerprint in the WebRTC offer or answer, or a
// swapped key share in an offer or accept, stops the transfer on the side that sees it, with a
// warning on the page, and never falls back to another route; the same wrapper passing frames
// unchanged lets the transfer complete with the hashes of what was sent. The warning says whether
// the people verified each other: if not, it asks them to compare safety codes; if they did, it
// says the other device is not the one to blame.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../support/eventually.mjs';
import { useLanvan } from '../support/harness.mjs';
import { lyingServerScript, serverKeyShare } from '../support/lying-server.mjs';
import { MiB, oneFile, transferAndVerify } from '../support/transfers.mjs';
import { confirmOnScreen } from '../support/verify.mjs';

const lanvan = useLanvan();
const ALTERED = /The server altered the connection details of this transfer/;
/** What the warning adds (transfer/outcome.js) for a device not verified, and for one verified, by safety code. */
const UNVERIFIED = /is not verified: compare safety codes with .+ to be sure the server did not also replace its identity key\.$/;
const VERIFIED = /You verified (.+)'s safety code, so this is not \1's doing\.$/;

/**
 * Records the remote certificates getStats() reports (transport → remoteCertificateId), so a test
 * can tell that the check after the handshake (transfer/webrtc.js) had a certificate to compare.
 */
function recordRemoteCertificates() {
  window.__remoteCertificates = [];
  const getStats = RTCPeerConnection.prototype.getStats;
  RTCPeerConnection.prototype.getStats = async function recorded(...args) {
    const stats = await getStats.apply(this, args);
    stats.forEach((report) => {
      const certificate = report.type === 'transport' && report.remoteCertificateId ? stats.get(report.remoteCertificateId) : null;
      if (certificate?.fingerprint) window.__remoteCertificates.push(`${certificate.fingerprintAlgorithm} ${certificate.fingerprint}`);
    });
    return stats;
  };
}

/** A sender and a receiver on one network; `lies` says which page's server lies, and how. */
async function devices({ senderLies = null, receiverLies = null } = {}) {
  const key = await serverKeyShare();
  const scripts = (mode) => [`(${recordRemoteCertificates})();`, ...(mode ? [lyingServerScript(mode, key)] : [])];
  const a = await lanvan.open('A (sender)', { initScripts: scripts(senderLies) });
  const b = await lanvan.open('B (receiver)', { initScripts: scripts(receiverLies) });
  await eventually(async () => (await a.peerIds()).includes(b.id) && (await b.peerIds()).includes(a.id),
    { timeoutMs: 5000, what: 'A and B listing each other' });
  for (const device of [a, b]) {
    await device.evaluate(() => {
      window.__everyTransfer = [];
      window.lanvan.addEventListener('transfer', ({ detail }) => window.__everyTransfer.push(detail.transfer));
    });
  }
  return { a, b };
}

/** How each transfer the page knows of ended: [{state, route, code, message}] once all ended. */
function endings(device) {
  return eventually(() => device.evaluate(() => {
    const all = window.__everyTransfer;
    if (all.length === 0 || all.some((t) => !['completed', 'failed', 'declined', 'cancelled'].includes(t.state))) return null;
    return all.map((t) => ({ state: t.state, route: t.route, code: t.error?.code, message: t.error?.message }));
  }), { timeoutMs: 30_000, what: `every transfer on ${device.label} ending` });
}

/** The warning as the page shows it in its list of transfers. */
function shownWarning(device) {
  return eventually(async () => {
    const texts = await device.page.locator('.transfer-error:visible').allTextContents();
    return texts.find((text) => ALTERED.test(text)) ?? null;
  }, { timeoutMs: 5000, what: `the warning shown on ${device.label}` });
}

async function lies(device) {
  return device.evaluate(() => window.__e2eLies.told);
}

test('with the frames passed through unchanged, a direct transfer completes with the hashes of what was sent', { timeout: 90_000 }, async (t) => {
  const { a, b } = await devices({ senderLies: 'none', receiverLies: 'none' });
  const specs = oneFile('honest.bin', 3 * MiB, 41);
  const result = await transferAndVerify({ sender: a, receiver: b, specs, options: { route: 'direct' }, expectRoute: 'direct' });
  t.diagnostic(`completed: ${result.sent.result.bytes} bytes by ${result.sent.result.route}`);
  for (const device of [a, b]) {
    const seen = await device.evaluate(() => window.__remoteCertificates);
    t.diagnostic(`${device.label} compared the certificate presented: ${seen[0]}`);
    assert.ok(seen.length > 0, `${device.label}'s browser reported the peer's certificate, so the check after the handshake compared it`);
  }
  await Promise.all([a.close(), b.close()]);
});

test('a DTLS fingerprint swapped in the offer is caught by the receiver: refused with a warning, no fallback to the relay', { timeout: 90_000 }, async (t) => {
  const { a, b } = await devices({ receiverLies: 'sdp-fingerprint' });
  const key = await a.send(b.id, oneFile('watched.bin', 1 * MiB, 42), { route: 'auto' });
  const offer = await b.nextOffer();
  await b.accept(offer.key);

  const [received] = await endings(b);
  t.diagnostic(`receiver: ${received.code}: ${received.message}`);
  assert.equal(received.state, 'failed');
  assert.equal(received.code, 'verification-failed');
  assert.match(received.message, ALTERED);
  assert.match(received.message, /direct-connection details said to come from “.*” are not the ones that device signed/);
  assert.equal(received.route, null, 'no route was opened: neither the forged connection nor the relay');
  assert.ok(await lies(b) >= 1, 'the lying wrapper did rewrite a description');
  assert.match(received.message, UNVERIFIED, 'the pair is not verified, and the warning says so');
  assert.doesNotMatch(received.message, VERIFIED);
  assert.match(await shownWarning(b), UNVERIFIED);

  const sent = await a.outcome(key, 30_000);
  t.diagnostic(`sender: ${sent.code}: ${sent.message}`);
  assert.equal(sent.ok, false);
  assert.equal(sent.code, 'verification-failed', `the sender hears why (${sent.message})`);
  assert.equal((await a.transferInfo(key)).route, null, 'the sender did not fall back to the relay either');
  await Promise.all([a.close(), b.close()]);
});

test('a DTLS fingerprint swapped in the answer is caught by the sender', { timeout: 90_000 }, async (t) => {
  const { a, b } = await devices({ senderLies: 'sdp-fingerprint' });
  const key = await a.send(b.id, oneFile('watched.bin', 1 * MiB, 43), { route: 'direct' });
  const offer = await b.nextOffer();
  await b.accept(offer.key);

  const sent = await a.outcome(key, 30_000);
  t.diagnostic(`sender: ${sent.code}: ${sent.message}`);
  assert.equal(sent.ok, false);
  assert.equal(sent.code, 'verification-failed');
  assert.match(sent.message, ALTERED);
  assert.match(sent.message, UNVERIFIED);
  assert.match(await shownWarning(a), UNVERIFIED);
  const received = await b.outcome(offer.key, 30_000);
  assert.equal(received.code, 'verification-failed', `the receiver hears why (${received.message})`);
  await Promise.all([a.close(), b.close()]);
});

test('on a pair whose people verified each other, the warning says the device was verified and is not to blame', { timeout: 90_000 }, async (t) => {
  const { a, b } = await devices({ receiverLies: 'sdp-fingerprint' });
  const verification = (device, peerId) => device.evaluate((id) => window.lanvan.peers.find((p) => p.id === id)?.verification, peerId);
  // Each person confirms the safety code on their own screen (as in verification.test.mjs).
  assert.equal(await confirmOnScreen(a, b.id), await confirmOnScreen(b, a.id), 'both screens showed the same code');
  assert.equal(await verification(a, b.id), 'verified');
  assert.equal(await verification(b, a.id), 'verified');

  const key = await a.send(b.id, oneFile('watched.bin', 1 * MiB, 46), { route: 'auto' });
  const offer = await b.nextOffer();
  await b.accept(offer.key);
  const [received] = await endings(b);
  t.diagnostic(`receiver: ${received.code}: ${received.message}`);
  assert.equal(received.code, 'verification-failed');
  assert.match(received.message, ALTERED);
  assert.match(received.message, VERIFIED, 'the warning says the sender was verified');
  assert.doesNotMatch(received.message, UNVERIFIED);
  assert.equal(received.route, null, 'no route was opened');
  assert.match(await shownWarning(b), VERIFIED);
  assert.equal((await a.outcome(key, 30_000)).code, 'verification-failed');
  await Promise.all([a.close(), b.close()]);
});

test("a key share swapped in the offer is caught by the receiver: the offer is refused unseen and the sender told", { timeout: 60_000 }, async (t) => {
  const { a, b } = await devices({ receiverLies: 'offer-key-share' });
  await b.evaluate(() => { window.__offersShown = 0; window.lanvan.addEventListener('incoming', () => { window.__offersShown += 1; }); });
  const key = await a.send(b.id, oneFile('watched.bin', 1 * MiB, 44), { route: 'relay' });

  const [received] = await endings(b);
  t.diagnostic(`receiver: ${received.code}: ${received.message}`);
  assert.equal(received.code, 'verification-failed');
  assert.match(received.message, /encryption key said to come from “.*” is not signed by/);
  assert.match(await shownWarning(b), ALTERED);
  assert.equal(await b.evaluate(() => window.__offersShown), 0, 'the forged offer was never offered to the person');

  const sent = await a.outcome(key, 10_000);
  assert.equal(sent.code, 'verification-failed', `the sender is told (${sent.message})`);
  await Promise.all([a.close(), b.close()]);
});

test('a key share swapped in the accept is caught by the sender, on the relay path too', { timeout: 60_000 }, async (t) => {
  const { a, b } = await devices({ senderLies: 'accept-key-share' });
  const key = await a.send(b.id, oneFile('watched.bin', 1 * MiB, 45), { route: 'relay' });
  const offer = await b.nextOffer();
  await b.accept(offer.key);

  const sent = await a.outcome(key, 30_000);
  t.diagnostic(`sender: ${sent.code}: ${sent.message}`);
  assert.equal(sent.code, 'verification-failed');
  assert.match(sent.message, /encryption key said to come from “.*” is not signed by/);
  assert.match(await shownWarning(a), ALTERED);
  assert.equal((await a.transferInfo(key)).route, null, 'nothing was relayed');
  const received = await b.outcome(offer.key, 30_000);
  assert.equal(received.ok, false);
  assert.equal(received.code, 'verification-failed', `the receiver is told (${received.message})`);
  await Promise.all([a.close(), b.close()]);
});
