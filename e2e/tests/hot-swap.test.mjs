// An admin stops and starts the signaling, relay and policy capabilities (admin API) while two
// devices keep their pages open: the pages say in plain words what is paused, a send meanwhile
// fails at once naming the server (never the peer), and when the capability returns the pages
// recover on their own (hello, peers, policy) and transfers work again, without a reload.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Admin } from '../support/admin.mjs';
import { eventually } from '../support/eventually.mjs';
import { useLanvan } from '../support/harness.mjs';
import { MiB, oneFile, summary, transferAndVerify } from '../support/transfers.mjs';

const SIGNALING = 'io.lanvan.signaling';
const RELAY = 'io.lanvan.relay';
const POLICY = 'io.lanvan.policy';
const NO_LIMITS = { mode: 'hybrid', maxFileBytes: 0, maxTransferBytes: 0, blockedExtensions: [] };
/** How long a page may take to show a stop, or to recover from a start ("within a few seconds"). */
const NOTICE_MS = 5000;

let admin;
let a;
let b;

after(async () => {
  // Leave the server as found, whichever test failed (it is this file's own server).
  for (const name of [SIGNALING, RELAY, POLICY]) await admin?.startBundle(name).catch(() => {});
});

useLanvan(async (started) => {
  admin = new Admin(started.server);
  await admin.signInFirstTime(`e2e-${Date.now()}-hot-swap-password`);
  a = await started.open('A (sender)');
  b = await started.open('B (receiver)');
  await eventually(async () => (await a.peerIds()).includes(b.id), { timeoutMs: 5000, what: 'A listing B' });
});

/** What the page shows and knows: the paused notice, the header, lanvan's status, peers and policy. */
const pageState = (device) => device.evaluate(() => {
  const notice = document.querySelector('[data-paused-notice]');
  return {
    noticeHidden: notice.hidden,
    notice: notice.textContent,
    live: notice.getAttribute('aria-live'),
    header: document.querySelector('[data-connection-label]').textContent,
    status: window.lanvan.status,
    paused: window.lanvan.paused.map((p) => p.capability),
    peers: window.lanvan.peers.map((p) => p.id),
    policy: { ...window.lanvan.policy, blockedExtensions: [...window.lanvan.policy.blockedExtensions] },
  };
});

/** Both pages reach a state that `check` accepts within `timeoutMs`; resolves the time it took and the states. */
async function bothReach(check, what, timeoutMs = NOTICE_MS) {
  const since = Date.now();
  const states = await Promise.all([a, b].map((device) => eventually(async () => {
    const state = await pageState(device);
    return check(state, device) ? state : null;
  }, { timeoutMs, intervalMs: 50, what: `${device.label}: ${what}` })));
  return { ms: Date.now() - since, states };
}

/** Sends and resolves how it ended, failing the test if it takes longer than `timeoutMs`. */
async function sendAndSettle(sender, to, specs, options, timeoutMs) {
  const key = await sender.send(to, specs, options);
  return sender.outcome(key, timeoutMs);
}

/** Both pages online again with each other listed under their new peer ids. */
async function bothBack(what) {
  const back = await bothReach((s) => s.status === 'online' && s.noticeHidden && s.peers.length > 0, what);
  await Promise.all([a.refreshSelf(), b.refreshSelf()]);
  assert.deepEqual(await a.peerIds(), [b.id], 'A lists B under its new peer id');
  assert.deepEqual(await b.peerIds(), [a.id], 'B lists A under its new peer id');
  return back.ms;
}

test('signaling stopped: pages say finding devices is paused, a send fails at once naming the server; started again: they recover on their own', { timeout: 90_000 }, async (t) => {
  const pageA = a.page;
  const senderName = await a.evaluate(() => window.lanvan.self.name);
  const receiverName = await b.evaluate(() => window.lanvan.self.name);
  await admin.stopBundle(SIGNALING);
  const stopped = await bothReach((s) => s.status === 'unavailable' && !s.noticeHidden, 'showing signaling paused');
  t.diagnostic(`both pages showed the stop after ${stopped.ms} ms`);
  for (const state of stopped.states) {
    assert.match(state.notice, /Finding devices is paused: the server's signaling capability is stopped\. It will reconnect on its own\./);
    assert.equal(state.live, 'polite');
    assert.equal(state.header, 'Paused', 'the header no longer says Connected');
    assert.deepEqual(state.paused, [SIGNALING]);
    assert.deepEqual(state.peers, [], 'no stale peers');
  }

  const startedAt = Date.now();
  const during = await sendAndSettle(a, b.id, oneFile('during.bin', 1000, 31), {}, 2000);
  t.diagnostic(`the send during the stop failed after ${Date.now() - startedAt} ms: ${during.message}`);
  assert.equal(during.ok, false);
  assert.equal(during.code, 'unavailable', JSON.stringify(during));
  assert.match(during.message, /server's signaling capability is stopped/);
  assert.doesNotMatch(during.message, /did not expect|no longer connected|declined/);
  assert.ok(!during.message.includes(receiverName) && !during.message.includes(senderName), `no device is named: ${during.message}`);

  await admin.startBundle(SIGNALING);
  t.diagnostic(`both pages were back online with each other after ${await bothBack('back online with peers')} ms`);
  assert.equal(a.page, pageA, 'no reload: the same page');
  assert.equal((await pageState(a)).header, 'Connected');

  t.diagnostic(summary(await transferAndVerify({
    sender: a, receiver: b, specs: oneFile('after-signaling.bin', 2 * MiB, 32), options: { route: 'direct' }, expectRoute: 'direct', timeoutMs: 30_000,
  })));
  // Policy pushes reach the pages again (before, they stopped until a reload).
  await admin.setPolicies({ ...NO_LIMITS, blockedExtensions: ['exe'] });
  await bothReach((s) => s.policy.blockedExtensions.includes('exe'), 'the new policy', 2000);
  await admin.setPolicies(NO_LIMITS);
  await bothReach((s) => s.policy.blockedExtensions.length === 0, 'no limits again', 2000);
});

test('relay stopped: a transfer through it ends naming the server, pages say so and route relay fails at once; started again: a relay transfer succeeds', { timeout: 120_000 }, async (t) => {
  // A transfer moving through the relay when it stops: both sides end it, and neither blames the other.
  const key = await a.send(b.id, oneFile('in-flight.bin', 64 * MiB, 38), { route: 'relay' });
  const offer = await b.nextOffer();
  await b.accept(offer.key);
  await eventually(async () => (await a.progress(key)).some((p) => p.bytes > 0), { timeoutMs: 15_000, what: 'bytes moving through the relay' });
  await admin.stopBundle(RELAY);
  const [sent, received] = await Promise.all([a.outcome(key, 10_000), b.outcome(offer.key, 10_000)]);
  for (const outcome of [sent, received]) {
    assert.equal(outcome.code, 'unavailable', JSON.stringify(outcome));
    assert.match(outcome.message, /server's relay stopped during the transfer/);
  }
  t.diagnostic(`the in-flight relay transfer ended with: ${sent.message}`);

  const stopped = await bothReach((s) => !s.noticeHidden && s.paused.includes(RELAY), 'showing the relay paused');
  for (const state of stopped.states) {
    assert.match(state.notice, /Sending through the server is paused: the server's relay capability is stopped\. Direct transfers still work\./);
    assert.equal(state.status, 'online', 'signaling goes on');
    assert.equal(state.header, 'Connected');
  }
  const during = await sendAndSettle(a, b.id, oneFile('relay-during.bin', 1000, 33), { route: 'relay' }, 2000);
  assert.equal(during.code, 'no-route', JSON.stringify(during));
  assert.match(during.message, /limited to the server's relay, which is not available right now/);
  t.diagnostic(summary(await transferAndVerify({
    sender: a, receiver: b, specs: oneFile('direct-while-relay-stopped.bin', 1 * MiB, 34), options: { route: 'direct' }, expectRoute: 'direct', timeoutMs: 30_000,
  })));

  await admin.startBundle(RELAY);
  await bothReach((s) => s.noticeHidden && s.paused.length === 0, 'the relay notice gone');
  t.diagnostic(summary(await transferAndVerify({
    sender: a, receiver: b, specs: oneFile('after-relay.bin', 2 * MiB, 35), options: { route: 'relay' }, expectRoute: 'relay', timeoutMs: 30_000,
  })));
});

test('policy stopped: pages say the defaults apply; started again: the policy and its changes reach them without a reload', { timeout: 90_000 }, async (t) => {
  await admin.setPolicies({ ...NO_LIMITS, maxFileBytes: 5_000_000 });
  await bothReach((s) => s.policy.maxFileBytes === 5_000_000, 'the 5 MB limit', 2000);

  await admin.stopBundle(POLICY);
  const stopped = await bothReach((s) => !s.noticeHidden && s.paused.includes(POLICY), 'showing the policy paused');
  for (const state of stopped.states) {
    assert.match(state.notice, /The server's policy capability is stopped: its default rules apply/);
    assert.deepEqual(state.policy, NO_LIMITS, 'the page shows what the server applies meanwhile');
    assert.equal(state.status, 'online');
  }

  await admin.startBundle(POLICY);
  const back = await bothReach((s) => s.noticeHidden && s.policy.maxFileBytes === 5_000_000, 'the policy back');
  t.diagnostic(`the policy was back on both pages after ${back.ms} ms`);
  await admin.setPolicies({ ...NO_LIMITS, maxFileBytes: 3_000_000 });
  await bothReach((s) => s.policy.maxFileBytes === 3_000_000, 'a policy change after the restart', 2000);
  const tooBig = await sendAndSettle(a, b.id, oneFile('big.bin', 4 * MiB, 36), {}, 2000);
  assert.equal(tooBig.code, 'policy', JSON.stringify(tooBig));
  await admin.setPolicies(NO_LIMITS);
  await bothReach((s) => s.policy.maxFileBytes === 0, 'no limits again', 2000);
  t.diagnostic(summary(await transferAndVerify({
    sender: a, receiver: b, specs: oneFile('after-policy.bin', 2 * MiB, 37), options: { route: 'auto' }, expectRoute: 'direct', timeoutMs: 30_000,
  })));
});
