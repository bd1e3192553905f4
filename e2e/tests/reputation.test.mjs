// Reputation holds a device people report (docs/admin-guide.md, "Reputation"; docs/protocol.md,
// "Reports"): with the trust policy set by an admin to hold below -9, two people report a third
// device with the page's "Report" dialog (keyboard and clicks). The admin API shows each counted
// report in the device's score (a second report by the same person counts once); the second
// reporter's report holds the device: its page is disconnected and says why in plain words, and
// it is refused when it reloads, until an admin approves it and it gets back in without a reload.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Admin } from '../support/admin.mjs';
import { eventually } from '../support/eventually.mjs';
import { useLanvan } from '../support/harness.mjs';

const NEW_PASSWORD = `e2e-${Date.now()}-reputation-password`;
const HELD = /on hold because of its reputation/;
const REPORT_WEIGHT = -5;

let admin;
const lanvan = useLanvan(async (started) => {
  admin = new Admin(started.server);
  await admin.signInFirstTime(NEW_PASSWORD);
  // As an admin sets it under Settings: two reports (-5 each) take a device below -9; one does not.
  const settings = await admin.call('PUT', '/api/admin/config/io.lanvan.trust', { action: 'hold', threshold: -9 });
  const value = (id) => settings.attributes.find((a) => a.id === id).value;
  assert.equal(value('action'), 'hold');
  assert.equal(Number(value('threshold')), -9);
});

const deviceIdOf = (device) => device.evaluate(() => window.lanvan.identity.deviceId);
const listed = async (device, other) => (await device.peerIds()).includes(other.id);

/** The device as the admin API knows it: {status, reputation: {score, reports, ...}, ...}. */
async function known(deviceId) {
  const { devices } = await admin.call('GET', `/api/admin/devices/known?q=${encodeURIComponent(deviceId)}`);
  const device = devices.find((d) => d.deviceId === deviceId);
  assert.ok(device, `the admin API knows ${deviceId}`);
  return device;
}

const closeTo = (actual, expected, what) => assert.ok(Math.abs(actual - expected) < 0.01, `${what}: ${actual}, expected about ${expected}`);

/**
 * What a person does: "Report" on the device's tile, types what happened, tabs to "Send report" and
 * presses Enter; resolves the dialog's confirmation once it says the server received it.
 */
async function reportOnScreen(reporter, suspect, reason) {
  const page = reporter.page;
  await page.locator(`li[data-peer-id="${suspect.id}"]`).getByRole('button', { name: `Report ${suspect.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Report ${suspect.name}` });
  await dialog.waitFor({ state: 'visible', timeout: 5000 });
  const reasonBox = dialog.getByLabel(/What happened\?/);
  assert.ok(await reasonBox.evaluate((box) => box === document.activeElement), 'the reason box has the focus');
  await page.keyboard.type(reason);
  await page.keyboard.press('Tab'); // Close
  await page.keyboard.press('Tab'); // Send report
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Send report');
  await page.keyboard.press('Enter');
  const status = dialog.getByRole('status');
  const said = await eventually(async () => {
    const text = await status.textContent();
    return text && text !== 'Sending the report…' ? text : null;
  }, { timeoutMs: 10_000, what: `${reporter.label}'s report dialog answering` });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 5000 });
  return said;
}

/** What the suspect's page says about itself: lanvan.status and refusal, and the devices card's words. */
function pageSays(device) {
  return device.evaluate(() => ({
    status: window.lanvan?.status,
    refusal: window.lanvan?.refusal?.message ?? null,
    title: document.querySelector('[data-empty-title]')?.textContent,
    detail: document.querySelector('[data-empty-detail]')?.textContent,
    visible: !document.querySelector('[data-empty-title]')?.closest('[hidden]'),
  }));
}

test('two people report a device: each person counts once, the device is held, refused on reload, and back in once an admin approves it', { timeout: 120_000 }, async (t) => {
  const a = await lanvan.open('A (reporter)');
  const b = await lanvan.open('B (reporter)');
  const c = await lanvan.open('C (reported)');
  for (const [device, name] of [[a, 'Ana laptop'], [b, 'Ben phone'], [c, 'Spam box']]) {
    await device.evaluate((name) => window.lanvan.rename(name), name);
    device.name = name;
  }
  await eventually(async () => {
    const names = await Promise.all([a, b].map((d) => d.evaluate((id) => window.lanvan.peers.find((p) => p.id === id)?.name, c.id)));
    return names.every((n) => n === 'Spam box') && await listed(c, a) && await listed(c, b);
  }, { timeoutMs: 5000, what: 'A and B listing C as "Spam box", and C listing both' });
  const suspectId = await deviceIdOf(c);
  const before = await known(suspectId);
  assert.equal(before.status, 'pending');
  assert.equal(before.reputation.reports, 0);
  assert.equal(before.reputation.score, 0);

  assert.equal(await reportOnScreen(a, c, 'Sent me files I did not ask for'), 'The server received your report about Spam box.');
  const once = await known(suspectId);
  t.diagnostic(`after A's report: ${JSON.stringify(once.reputation)} ${once.status}`);
  assert.equal(once.reputation.reports, 1, 'the report is counted');
  closeTo(once.reputation.score, REPORT_WEIGHT, 'the score dropped by one report');
  assert.equal(once.status, 'pending', 'one report (-5) does not cross -9');
  assert.ok(await listed(a, c) && await listed(b, c), 'C is still there for the others');

  assert.equal(await reportOnScreen(a, c, 'And again, more files'), 'The server received your report about Spam box.',
    'a second report by the same person is answered as received');
  const again = await known(suspectId);
  assert.equal(again.reputation.reports, 1, 'a second report by the same reporter does not count again');
  closeTo(again.reputation.score, REPORT_WEIGHT, 'nor lower the score again');
  assert.equal(again.status, 'pending');
  assert.ok(await listed(a, c), 'C is still there');

  assert.equal(await reportOnScreen(b, c, 'Its name is not its owner\'s'), 'The server received your report about Spam box.');
  const held = await eventually(async () => {
    const device = await known(suspectId);
    return device.status === 'held' ? device : null;
  }, { timeoutMs: 5000, what: 'C held after the second reporter' });
  t.diagnostic(`after B's report: ${JSON.stringify(held.reputation)} ${held.status} by ${held.decidedBy}`);
  assert.equal(held.reputation.reports, 2);
  closeTo(held.reputation.score, 2 * REPORT_WEIGHT, 'two reports');

  // C's page is disconnected and says why, in the server's words, where the devices would be.
  const shown = await eventually(async () => {
    const says = await pageSays(c);
    return says.status === 'refused' && HELD.test(says.detail) ? says : null;
  }, { timeoutMs: 5000, what: "C's page saying it is held" });
  t.diagnostic(`C shows: ${shown.title} ${shown.detail}`);
  assert.ok(shown.visible, 'the words are on screen');
  assert.equal(shown.title, 'The server does not let this device in.');
  assert.match(shown.detail, /until an administrator approves it.*Ask your administrator\./);
  await eventually(async () => !(await listed(a, c)) && !(await listed(b, c)), { timeoutMs: 5000, what: 'C gone from A and B' });
  assert.equal(await c.evaluate(() => window.lanvan.peers.length), 0, 'C lists nobody');

  // Reloaded, C is refused at hello: it never gets in, and the page says why, naming its device id.
  await c.page.reload();
  const refused = await eventually(async () => {
    const says = await pageSays(c);
    return says.status === 'refused' && HELD.test(says.detail) ? says : null;
  }, { timeoutMs: 10_000, what: "C's reloaded page refused" });
  assert.ok(refused.detail.includes(`(device id ${suspectId})`), `the words name the device for the admin: ${refused.detail}`);
  assert.equal(await c.evaluate(() => window.lanvan.self.id), null, 'C was never welcomed');
  assert.ok(!(await listed(a, c)), 'A does not see C');
  const history = await admin.call('GET', `/api/admin/devices/${suspectId}/history`);
  const kinds = history.events.map((e) => e.kind);
  t.diagnostic(`history: ${kinds.join(', ')}`);
  assert.equal(kinds.filter((k) => k === 'reported').length, 2, 'two reports on record');
  assert.ok(kinds.includes('held'), 'the hold is on record');

  // An admin approves C: its page, still reconnecting on its own (backing off while refused, at
  // most 30 s apart), gets back in without a reload.
  await admin.call('POST', `/api/admin/devices/${suspectId}/approve`);
  await eventually(async () => (await pageSays(c)).status === 'online', { timeoutMs: 40_000, what: 'C back online after the approval' });
  await c.refreshSelf();
  assert.equal((await pageSays(c)).refusal, null);
  await eventually(async () => await listed(a, c) && await listed(b, c) && await listed(c, a),
    { timeoutMs: 5000, what: 'A and B listing C again, and C listing A' });
  assert.equal((await known(suspectId)).status, 'approved');
  await Promise.all([a.close(), b.close(), c.close()]);
});
