// An admin changes the deployment mode (in the admin console) and the file policies (admin API) while two devices are connected: the
// pages learn of it within 2 s without a reload, route their transfers as the mode says, refuse
// what the policies forbid before offering it, and the audit log records the change, intact.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Admin, initialAdminPassword } from '../support/admin.mjs';
import { eventually } from '../support/eventually.mjs';
import { useLanvan } from '../support/harness.mjs';
import { dropIceCandidatesScript } from '../support/webrtc.mjs';
import { MiB, oneFile, summary, transferAndVerify } from '../support/transfers.mjs';

const NO_LIMITS = { mode: 'hybrid', maxFileBytes: 0, maxTransferBytes: 0, blockedExtensions: [] };

const NEW_PASSWORD = `e2e-${Date.now()}-policies-password`;

/**
 * The admin console in a browser context of its own, as an admin uses it: signs in with the
 * initial password and goes through the forced password change.
 */
async function openConsole(started) {
  const initial = await initialAdminPassword(started.server);
  const context = await started.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${started.server.origin(4)}/admin/`);
  await page.locator('input[name=username]').fill('admin', { timeout: 30_000 });
  await page.locator('input[name=password]').fill(initial);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('input[name=currentPassword]').fill(initial, { timeout: 10_000 });
  await page.locator('input[name=newPassword]').fill(NEW_PASSWORD);
  await page.locator('input[name=confirmPassword]').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.locator('input[name=currentPassword]').waitFor({ state: 'detached', timeout: 10_000 });
  return { context, page };
}

let console_;
let admin;
let a;
let b;
// Registered before the harness's after(), so it runs while the server is still up.
after(async () => {
  // Back to hybrid without limits (the server is this file's own, but leave it as found).
  if (admin) await admin.setPolicies(NO_LIMITS).catch((error) => console.error(`restoring the policies: ${error.message}`));
});

const lanvan = useLanvan(async (started) => {
  console_ = await openConsole(started);
  admin = new Admin(started.server);
  assert.equal(await admin.signIn(NEW_PASSWORD), false, 'the console already changed the initial password');
  a = await started.open('A (sender)');
  b = await started.open('B (receiver)');
  await eventually(async () => (await a.peerIds()).includes(b.id), { timeoutMs: 5000, what: 'A listing B' });
});

const policyOf = (device) => device.evaluate(() => ({ ...window.lanvan.policy, blockedExtensions: [...window.lanvan.policy.blockedExtensions] }));
const noticeOf = (device) => device.evaluate(() => {
  const notice = document.querySelector('[data-policy-notice]');
  return { hidden: notice.hidden, text: notice.textContent, live: notice.getAttribute('aria-live') };
});

/** Both pages show `expected` (a subset of the policy) within 2 s of the change, without a reload. */
async function bothSee(expected, what) {
  const changedAt = Date.now();
  await Promise.all([a, b].map((device) => eventually(async () => {
    const policy = await policyOf(device);
    return Object.entries(expected).every(([key, value]) => JSON.stringify(policy[key]) === JSON.stringify(value));
  }, { timeoutMs: 2000, intervalMs: 25, what: `${device.label} seeing ${what}` })));
  return Date.now() - changedAt;
}

/** Sends and resolves how it ended: {ok, code, message} (the page records the transfer). */
async function sendAndSettle(sender, receiver, specs, options) {
  const key = await sender.send(receiver.id, specs, options);
  return sender.outcome(key, 10_000);
}

test('switching to server-only reaches both connected pages within 2 s, and auto then goes through the relay', { timeout: 60_000 }, async (t) => {
  const pageA = a.page;
  // Through the console's mode page: the radio card, then Save.
  const { page } = console_;
  await page.evaluate(() => { location.hash = '#/mode'; });
  await page.locator('label[for=mode-server-only]').click({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Save mode' }).click();
  await page.getByText('Saved: Server only.').waitFor({ timeout: 5000 });
  t.diagnostic(`both pages saw server-only after ${await bothSee({ mode: 'server-only' }, 'server-only')} ms`);
  assert.equal(a.page, pageA, 'no reload: the same page');
  assert.ok(await a.evaluate(() => window.lanvan.status === 'online'), 'A stayed online');
  const notice = await noticeOf(a);
  assert.equal(notice.hidden, false, 'the policy notice is shown');
  assert.equal(notice.live, 'polite');
  assert.match(notice.text, /through the server \(server-only mode\)/);

  const outcome = await transferAndVerify({
    sender: a, receiver: b, specs: oneFile('report.bin', 1 * MiB, 21), options: { route: 'auto' }, expectRoute: 'relay', timeoutMs: 30_000,
  });
  t.diagnostic(summary(outcome));
  const refused = await sendAndSettle(a, b, oneFile('x.bin', 10, 22), { route: 'direct' });
  assert.equal(refused.code, 'policy', `route direct under server-only: ${JSON.stringify(refused)}`);
  assert.match(refused.message, /server-only/);
});

test('in p2p-first, asking for the relay is refused at once with code policy and a clear message', { timeout: 30_000 }, async () => {
  await admin.setMode('p2p-first');
  await bothSee({ mode: 'p2p-first' }, 'p2p-first');
  assert.match((await noticeOf(b)).text, /Direct transfers only \(p2p-first mode\)/);
  const refused = await sendAndSettle(a, b, oneFile('x.bin', 10, 23), { route: 'relay' });
  assert.equal(refused.ok, false);
  assert.equal(refused.code, 'policy', JSON.stringify(refused));
  assert.match(refused.message, /p2p-first/);
  assert.match(refused.message, /relay is not allowed/);
});

test('in p2p-first, auto never falls back to the relay: with no direct path it fails with no-route', { timeout: 60_000 }, async () => {
  // C's browser drops every ICE candidate, so WebRTC cannot connect (as in routes.test.mjs).
  const c = await lanvan.open('C (no direct path)', { initScripts: [dropIceCandidatesScript] });
  await eventually(async () => (await a.peerIds()).includes(c.id), { timeoutMs: 5000, what: 'A listing C' });
  assert.equal((await policyOf(c)).mode, 'p2p-first', 'a page opened later gets the policy in welcome');
  const key = await a.send(c.id, oneFile('x.bin', 1000, 26), { route: 'auto' });
  const offer = await c.nextOffer();
  await c.accept(offer.key);
  const [sent, received] = await Promise.all([a.outcome(key, 30_000), c.outcome(offer.key, 30_000)]);
  assert.equal(sent.code, 'no-route', JSON.stringify(sent));
  assert.equal(received.ok, false, JSON.stringify(received));
  assert.equal(await a.evaluate((key) => window.__e2e.transfers.get(key).transfer.route, key), null, 'no route ever opened: not the relay');
  await c.close();
});

test('a file over maxFileBytes and a blocked extension are refused by send with code policy naming the file', { timeout: 30_000 }, async () => {
  await admin.setPolicies({ mode: 'hybrid', maxFileBytes: 1_000_000, blockedExtensions: ['exe'] });
  await bothSee({ mode: 'hybrid', maxFileBytes: 1_000_000, blockedExtensions: ['exe'] }, 'the new limits');
  const notice = await noticeOf(a);
  assert.equal(notice.hidden, false);
  assert.match(notice.text, /Blocked file types: \.exe/);
  assert.doesNotMatch(notice.text, /mode\)/, 'hybrid is not announced');

  const tooBig = await sendAndSettle(a, b, oneFile('holiday.bin', 2 * MiB, 24));
  assert.equal(tooBig.code, 'policy', JSON.stringify(tooBig));
  assert.equal(tooBig.message, "'holiday.bin' is larger than the limit of 1000000 bytes per file.");
  const blocked = await sendAndSettle(a, b, oneFile('setup.exe', 100, 25));
  assert.equal(blocked.code, 'policy', JSON.stringify(blocked));
  assert.equal(blocked.message, "'setup.exe' has the blocked file type .exe.");
  // Nothing was offered: B saw only the one offer of the server-only test.
  assert.equal(await b.evaluate(() => window.__e2e.incoming.length), 1);

  await admin.setPolicies(NO_LIMITS);
  await bothSee(NO_LIMITS, 'no limits again');
  assert.equal((await noticeOf(a)).hidden, true, 'hybrid without limits shows no notice');
});

test('the audit log records the mode changes and verifies intact', { timeout: 30_000 }, async () => {
  const page = await admin.call('GET', '/api/admin/audit?action=admin.mode.changed&order=oldest');
  const modes = page.records.map((r) => r.details.mode);
  assert.deepEqual(modes.slice(0, 2), ['server-only', 'p2p-first'], JSON.stringify(page.records));
  assert.ok(page.records.every((r) => r.actor.includes('admin')), `actors: ${page.records.map((r) => r.actor)}`);
  const verification = await admin.call('GET', '/api/admin/audit/verify');
  assert.equal(verification.intact, true, JSON.stringify(verification));
  assert.ok(verification.verifiedRecords >= 2);

  // The same in the console's audit page: the records, and "Verify chain".
  const consolePage = console_.page;
  await consolePage.evaluate(() => { location.hash = '#/audit?action=admin.mode.changed'; });
  await consolePage.locator('td[data-label=Action] code', { hasText: 'admin.mode.changed' }).first().waitFor({ timeout: 10_000 });
  await consolePage.getByRole('button', { name: 'Verify chain' }).click();
  await consolePage.getByText('Chain intact').waitFor({ timeout: 10_000 });
  await console_.context.close();
});
