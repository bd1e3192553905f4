// Pairing by code needs the confirmation of the person who showed the code (docs/protocol.md,
// "Pairing"): devices on two networks (127.0.0.1 and [::1]) are not paired when the right code is
// entered, only once the code's creator, shown the joiner's name and key fingerprint, presses Pair
// (here with the keyboard); a rejection tells the joiner and pairs nobody. Driven through the page.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from '../support/eventually.mjs';
import { useLanvan } from '../support/harness.mjs';
import { lyingServerScript } from '../support/lying-server.mjs';

const lanvan = useLanvan();

/** The fingerprint a person must be shown for a key: SHA-256 of its SPKI, lower-case hex in groups of 4. */
const fingerprintOf = (identityKey) => createHash('sha256').update(Buffer.from(identityKey, 'base64url')).digest('hex')
  .match(/.{4}/g).join(' ');

/** Opens a device whose hello (and so identity key) the test can read; frames pass unchanged. */
const open = (label, family) => lanvan.open(label, { family, initScripts: [lyingServerScript('none')] });

async function showCode(creator) {
  await creator.page.click('[data-pair-create]');
  const shown = await eventually(async () => {
    const text = await creator.page.locator('[data-pair-code]:visible').textContent().catch(() => null);
    return text && /^\d{3} \d{3}$/.test(text.trim()) ? text.trim() : null;
  }, { timeoutMs: 5000, what: `a pairing code on ${creator.label}` });
  return shown.replace(' ', '');
}

async function enterCode(joiner, code) {
  await joiner.page.fill('#pair-input', code);
  await joiner.page.click('[data-pair-join] button[type=submit]');
}

const statusOf = (device) => device.page.locator('[data-pair-status]').textContent();

async function requestShown(creator, joiner) {
  await creator.page.locator('[data-pair-request]').waitFor({ state: 'visible', timeout: 10_000 });
  const heading = await creator.page.locator('[data-pair-request-heading]').textContent();
  assert.ok(heading.includes(joiner.name), `the creator sees the joiner's name (${heading})`);
  const shown = (await creator.page.locator('[data-pair-request-fingerprint]').textContent()).trim();
  const announced = await joiner.evaluate(() => window.__e2eLies.sentHello.identityKey);
  assert.equal(shown, fingerprintOf(announced), "the creator sees the fingerprint of the joiner's identity key");
  return shown;
}

test("a right code pairs only once the code's creator, shown who joined, confirms", { timeout: 60_000 }, async (t) => {
  const a = await open('A on 127.0.0.1', 4);
  const b = await open('B on [::1]', 6);
  const code = await showCode(a);
  await enterCode(b, code);

  await eventually(async () => /Waiting for the other device to confirm/.test(await statusOf(b)),
    { timeoutMs: 5000, what: 'B saying it waits for the confirmation' });
  const fingerprint = await requestShown(a, b);
  t.diagnostic(`A is shown ${fingerprint}`);
  assert.ok(!(await a.peerIds()).includes(b.id), 'A does not list B before confirming');
  assert.ok(!(await b.peerIds()).includes(a.id), 'B does not list A before the confirmation');

  // Keyboard only: the request took the focus; Tab reaches "Pair with …", Enter presses it.
  assert.equal(await a.evaluate(() => document.activeElement?.hasAttribute('data-pair-request')), true, 'the request takes the focus');
  await a.page.keyboard.press('Tab');
  assert.match(await a.evaluate(() => document.activeElement?.textContent ?? ''), /^Pair with /);
  await a.page.keyboard.press('Enter');

  await eventually(async () => (await a.peerIds()).includes(b.id) && (await b.peerIds()).includes(a.id),
    { timeoutMs: 5000, what: 'A and B listing each other once confirmed' });
  await eventually(async () => /^Paired/.test(await statusOf(b)), { timeoutMs: 5000, what: "B's page saying it is paired" });
  await Promise.all([a.close(), b.close()]);
});

test('a rejected joiner is told and not paired, and the code is spent', { timeout: 60_000 }, async () => {
  const a = await open('A on 127.0.0.1', 4);
  const c = await open('C on [::1]', 6);
  const code = await showCode(a);
  await enterCode(c, code);
  await requestShown(a, c);
  await a.page.click('[data-pair-reject]');

  await eventually(async () => /declined/.test(await statusOf(c)), { timeoutMs: 5000, what: "C's page saying the pairing was declined" });
  assert.ok(!(await a.peerIds()).includes(c.id), 'A does not list C');
  assert.ok(!(await c.peerIds()).includes(a.id), 'C does not list A');
  await enterCode(c, code);
  await eventually(async () => /wrong, already used or expired/.test(await statusOf(c)),
    { timeoutMs: 5000, what: 'the rejected code no longer working' });
  await Promise.all([a.close(), c.close()]);
});
