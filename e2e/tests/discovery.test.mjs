// Devices on one network find each other; devices on another network are invisible to them.
// 127.0.0.1 and ::1 are two different networks for the server (IPv4 vs IPv6 loopback).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../support/eventually.mjs';
import { useLanvan } from '../support/harness.mjs';

const lanvan = useLanvan();

test('two devices on one network see each other within 2 s of the second being ready', { timeout: 60_000 }, async (t) => {
  const a = await lanvan.open('A');
  await a.evaluate(() => {
    window.__peersEvents = 0;
    window.lanvan.addEventListener('peers', () => { window.__peersEvents += 1; });
  });
  const b = await lanvan.open('B');
  const readyAt = Date.now();

  await eventually(async () => (await a.peerIds()).includes(b.id) && (await b.peerIds()).includes(a.id),
    { timeoutMs: 2000, intervalMs: 20, what: 'A and B listing each other in lanvan.peers' });
  t.diagnostic(`both listed each other ${Date.now() - readyAt} ms after B was ready`);

  assert.ok(await a.evaluate(() => window.__peersEvents) > 0, 'A was told by a peers event');
  const seen = await a.evaluate(() => window.lanvan.peers);
  const bAsSeen = seen.find((p) => p.id === b.id);
  assert.equal(bAsSeen.name, b.name, "A sees B's name");
  assert.equal(typeof bAsSeen.platform, 'string', "A sees B's platform");
  assert.ok(!(await a.peerIds()).includes(a.id), 'a device does not list itself');
  await Promise.all([a.close(), b.close()]);
});

test('devices on another network (IPv6 loopback) see neither of them, nor do they see it', { timeout: 60_000 }, async () => {
  const a = await lanvan.open('A');
  const b = await lanvan.open('B');
  const c = await lanvan.open('C on [::1]', { family: 6 });
  const d = await lanvan.open('D on [::1]', { family: 6 });

  // Positive controls first: presence works in both rooms, so the absences below are not just "too early".
  await eventually(async () => (await a.peerIds()).includes(b.id) && (await b.peerIds()).includes(a.id),
    { timeoutMs: 2000, what: 'A and B listing each other' });
  await eventually(async () => (await c.peerIds()).includes(d.id) && (await d.peerIds()).includes(c.id),
    { timeoutMs: 2000, what: 'C and D listing each other' });

  for (const [device, strangers] of [[a, [c, d]], [b, [c, d]], [c, [a, b]], [d, [a, b]]]) {
    const ids = await device.peerIds();
    for (const stranger of strangers) {
      assert.ok(!ids.includes(stranger.id), `${device.label} does not list ${stranger.label} (it lists ${JSON.stringify(ids)})`);
    }
  }
  await Promise.all([a, b, c, d].map((device) => device.close()));
});
