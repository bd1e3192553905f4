// Files go from A to B over the direct path (WebRTC) and over the server's relay, forced or as the
// automatic fallback, and arrive with the same SHA-256 on both sides.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../support/eventually.mjs';
import { useLanvan } from '../support/harness.mjs';
import { dropIceCandidatesScript } from '../support/webrtc.mjs';
import { folder, MiB, oneFile, summary, transferAndVerify } from '../support/transfers.mjs';

const lanvan = useLanvan();

async function pair(options = {}) {
  const a = await lanvan.open('A (sender)');
  const b = await lanvan.open('B (receiver)', options);
  await eventually(async () => (await a.peerIds()).includes(b.id), { timeoutMs: 5000, what: 'A listing B' });
  return { a, b };
}

for (const route of ['direct', 'relay']) {
  test(`a 64 MB file goes from A to B over the ${route} route when asked to, with equal SHA-256 on both sides`, { timeout: 180_000 }, async (t) => {
    const { a, b } = await pair();
    t.diagnostic(summary(await transferAndVerify({ sender: a, receiver: b, specs: oneFile('big.bin', 64 * MiB, 7), options: { route }, expectRoute: route })));
    await Promise.all([a.close(), b.close()]);
  });

  test(`a folder of 50 small files goes over the ${route} route keeping its relative paths and hashes`, { timeout: 120_000 }, async (t) => {
    const { a, b } = await pair();
    t.diagnostic(summary(await transferAndVerify({ sender: a, receiver: b, specs: folder(50), options: { route }, expectRoute: route })));
    await Promise.all([a.close(), b.close()]);
  });
}

test('with route auto and no direct path possible, the transfer falls back to the relay within 15 s', { timeout: 120_000 }, async (t) => {
  // B's browser drops every ICE candidate (its own and A's), so no WebRTC connection can form.
  const { a, b } = await pair({ initScripts: [dropIceCandidatesScript] });
  const outcome = await transferAndVerify({
    sender: a, receiver: b, specs: oneFile('small.bin', 1 * MiB, 11), options: { route: 'auto' }, expectRoute: 'relay', timeoutMs: 30_000,
  });
  const { acceptedAt, doneAt } = outcome;
  t.diagnostic(summary(outcome));
  assert.ok(doneAt - acceptedAt <= 15_000, `done ${doneAt - acceptedAt} ms after accepting (at most 15 s)`);
  await Promise.all([a.close(), b.close()]);
});
