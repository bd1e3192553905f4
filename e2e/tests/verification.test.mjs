// People verify each other (docs/security.md, "Verifying devices"): two real pages compute the same
// safety code, each user confirms on their own screen, both show verified, and still do after a
// reload. A peer announced with a deviceId that is not its key's (a lying server, simulated by an
// init script that rewrites incoming WebSocket frames) is refused and never trusted.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../support/eventually.mjs';
import { useLanvan } from '../support/harness.mjs';
import { confirmOnScreen, SAFETY_CODE } from '../support/verify.mjs';

const lanvan = useLanvan();

const listEachOther = (a, b, what) => eventually(
  async () => (await a.peerIds()).includes(b.id) && (await b.peerIds()).includes(a.id),
  { timeoutMs: 5000, what },
);
const verificationOf = (device, peerId) => device.evaluate((id) => window.lanvan.peers.find((p) => p.id === id)?.verification, peerId);
const badgeOf = (device, peerId) => device.page.locator(`li[data-peer-id="${peerId}"] .device-badge`).textContent();

test('two devices verify each other by safety code and both show verified after reload', { timeout: 90_000 }, async () => {
  const a = await lanvan.open('A');
  const b = await lanvan.open('B');
  await listEachOther(a, b, 'A and B listing each other');

  const codeOnA = await a.evaluate((id) => window.lanvan.peers.safetyCode(id), b.id);
  const codeOnB = await b.evaluate((id) => window.lanvan.peers.safetyCode(id), a.id);
  assert.match(codeOnA, SAFETY_CODE);
  assert.equal(codeOnA, codeOnB, 'both screens show the same safety code');
  const ownFingerprint = (device) => device.evaluate(() => window.lanvan.identity.fingerprint);
  const seenFingerprint = (device, id) => device.evaluate((id) => window.lanvan.peers.find((p) => p.id === id).fingerprint, id);
  assert.equal(await seenFingerprint(a, b.id), await ownFingerprint(b), "A sees B's own fingerprint");
  assert.equal((await a.page.locator('[data-own-fingerprint]').textContent()).replaceAll(' ', ''), await ownFingerprint(a),
    'A shows its own fingerprint');
  assert.equal(await verificationOf(a, b.id), 'unverified');
  assert.equal(await badgeOf(a, b.id), 'New device, not verified');

  assert.equal(await confirmOnScreen(a, b.id), codeOnA, "A's dialog shows the code");
  assert.equal(await verificationOf(a, b.id), 'verified');
  assert.equal(await badgeOf(a, b.id), 'Verified');
  assert.equal(await verificationOf(b, a.id), 'unverified', 'B is not verified on its side until its user confirms');

  assert.equal(await confirmOnScreen(b, a.id), codeOnB, "B's dialog shows the code");
  assert.equal(await verificationOf(b, a.id), 'verified');
  assert.equal(await badgeOf(b, a.id), 'Verified');

  for (const device of [a, b]) {
    await device.page.reload();
    await device.evaluate(async () => { await window.lanvan.ready; });
    await device.refreshSelf();
  }
  await listEachOther(a, b, 'A and B listing each other after reloading');
  await eventually(async () => await verificationOf(a, b.id) === 'verified' && await verificationOf(b, a.id) === 'verified',
    { what: 'both verified after reload' });
  assert.equal(await badgeOf(a, b.id), 'Verified');
  assert.equal(await badgeOf(b, a.id), 'Verified');
  await Promise.all([a.close(), b.close()]);
});

test('another key under the name of a device met before is shown as changed, and its offers wait for the user', { timeout: 90_000 }, async () => {
  const original = await lanvan.open('X (the real laptop)');
  await original.evaluate(() => window.lanvan.rename("Ana's laptop"));
  const a = await lanvan.open('A');
  await eventually(async () => await verificationOf(a, original.id) === 'unverified', { what: 'A meeting X' });
  await original.close();
  await eventually(async () => !(await a.peerIds()).includes(original.id), { what: 'X gone from A' });

  const other = await lanvan.open('Y (another key)');
  await other.evaluate(() => window.lanvan.rename("Ana's laptop"));
  await eventually(async () => await verificationOf(a, other.id) === 'changed', { what: 'A seeing Y as changed' });
  assert.equal(await badgeOf(a, other.id), 'Key changed');
  const warning = a.page.locator(`li[data-peer-id="${other.id}"] .device-warning`);
  assert.ok(await warning.isVisible(), 'the tile explains it');
  assert.match(await warning.textContent(), /someone posing as it/);

  await a.evaluate(() => { window.lanvan.autoAccept = true; });
  await eventually(async () => (await other.peerIds()).includes(a.id), { what: 'Y listing A' });
  const sent = await other.send(a.id, [{ name: 'invoice.pdf', size: 1000, seed: 2 }]);
  const offer = await a.nextOffer();
  const seen = await a.evaluate((key) => {
    const { detail } = window.__e2e.incoming.find((o) => o.key === key);
    return { state: detail.transfer.state, keyChanged: detail.keyChanged, verification: detail.verification };
  }, offer.key);
  assert.deepEqual(seen, { state: 'offered', keyChanged: true, verification: 'changed' }, 'not accepted automatically');
  await a.decline(offer.key);
  assert.equal((await other.outcome(sent, 10_000)).code, 'declined');
  await Promise.all([a.close(), other.close()]);
});

/** Runs in the page before its own scripts: a server that announces "Liar device" under an id that is not its key's. */
function lyingServer() {
  const Native = window.WebSocket;
  window.__lies = 0;
  const lie = (peer) => {
    if (peer?.name !== 'Liar device') return;
    peer.deviceId = [...peer.deviceId].reverse().join('');
    window.__lies += 1;
  };
  const rewrite = (data) => {
    if (typeof data !== 'string') return data;
    let frame;
    try { frame = JSON.parse(data); } catch { return data; }
    if (frame.type === 'welcome') (frame.peers ?? []).forEach(lie);
    else if (frame.type === 'peer.joined' || frame.type === 'peer.updated') lie(frame.peer);
    else return data;
    return JSON.stringify(frame);
  };
  window.WebSocket = class extends Native {
    set onmessage(handler) {
      super.onmessage = typeof handler === 'function' ? (event) => handler(new MessageEvent('message', { data: rewrite(event.data) })) : handler;
    }

    get onmessage() { return super.onmessage; }
  };
}

test('a peer whose deviceId does not match its key is refused, not offered, and never trusted', { timeout: 90_000 }, async () => {
  const liar = await lanvan.open('D (announced wrongly)');
  await liar.evaluate(() => window.lanvan.rename('Liar device'));
  const honest = await lanvan.open('E');
  const c = await lanvan.open('C (behind a lying server)', { initScripts: [`(${lyingServer})();`] });

  await eventually(async () => (await c.peerIds()).includes(honest.id), { what: 'C listing the honest device (positive control)' });
  await eventually(() => c.evaluate((id) => window.lanvan.refusedPeers.some((p) => p.id === id), liar.id), { what: 'C refusing D' });
  assert.ok(await c.evaluate(() => window.__lies) > 0, 'the lying server did rewrite D');
  assert.ok(!(await c.peerIds()).includes(liar.id), 'D is not offered');
  assert.deepEqual(await c.evaluate((id) => window.lanvan.refusedPeers.find((p) => p.id === id), liar.id),
    { id: liar.id, name: 'Liar device', platform: 'linux', reason: 'id-mismatch' });
  await eventually(() => c.page.locator('[data-refused-peers]').isVisible(), { what: 'the refused list shown' });
  assert.match(await c.page.locator('[data-refused-list]').textContent(), /Liar device/);
  const tryVerify = await c.evaluate((id) => window.lanvan.peers.markVerified(id).then(() => 'verified', (e) => e.name), liar.id);
  assert.equal(tryVerify, 'RangeError', 'a refused peer cannot be verified');

  // D itself sees C (the server is honest towards it) and offers a file: C never shows it.
  await eventually(async () => (await liar.peerIds()).includes(c.id), { what: 'D listing C' });
  const key = await liar.send(c.id, [{ name: 'hello.txt', size: 100, seed: 1 }]);
  const outcome = await liar.outcome(key, 15_000);
  assert.equal(outcome.ok, false, "D's offer does not complete");
  assert.equal(await c.evaluate(() => window.__e2e.incoming.length), 0, 'C was never asked');
  await Promise.all([liar.close(), honest.close(), c.close()]);
});
