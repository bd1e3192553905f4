// Transfers that do not complete end clearly on both sides: declined, cancelled, or the other
// device gone.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../support/eventually.mjs';
import { useLanvan } from '../support/harness.mjs';
import { MiB, oneFile } from '../support/transfers.mjs';

const lanvan = useLanvan();
// Large enough that 30 % comes well before the end at loopback speed (progress is reported every 200 ms).
const LARGE = 192 * MiB;

async function pair() {
  const a = await lanvan.open('A (sender)');
  const b = await lanvan.open('B (receiver)');
  await eventually(async () => (await a.peerIds()).includes(b.id), { timeoutMs: 5000, what: 'A listing B' });
  return { a, b };
}

test("declining an offer rejects the sender's done with code 'declined'", { timeout: 60_000 }, async (t) => {
  const { a, b } = await pair();
  const key = await a.send(b.id, oneFile('unwanted.bin', 1 * MiB, 3));
  const offer = await b.nextOffer();
  await b.decline(offer.key);

  const sent = await a.outcome(key, 10_000);
  assert.equal(sent.ok, false, 'done rejects');
  assert.equal(sent.code, 'declined', `code (message: ${sent.message})`);
  assert.ok(sent.message.length > 0, 'the error has a message for the user');
  t.diagnostic(`sender: ${sent.code}: ${sent.message}`);
  assert.equal((await a.transferInfo(key)).state, 'declined', "the sender's transfer ends declined");
  assert.equal((await b.transferInfo(offer.key)).state, 'declined', "the receiver's transfer ends declined");
  await Promise.all([a.close(), b.close()]);
});

test('the sender cancelling at about 30 % ends the transfer as cancelled on both sides', { timeout: 120_000 }, async (t) => {
  const { a, b } = await pair();
  await a.evaluate((share) => {
    window.__cancelledAt = null;
    window.__e2e.onProgress = (key, detail, transfer) => {
      if (window.__cancelledAt === null && detail.bytes >= share * detail.total) {
        window.__cancelledAt = detail.bytes;
        transfer.cancel();
      }
    };
  }, 0.3);
  const key = await a.send(b.id, oneFile('half-way.bin', LARGE, 5));
  const offer = await b.nextOffer();
  await b.accept(offer.key);

  const [sent, received] = await Promise.all([a.outcome(key, 60_000), b.outcome(offer.key, 60_000)]);
  const cancelledAt = await a.evaluate(() => window.__cancelledAt);
  assert.ok(cancelledAt !== null && cancelledAt < LARGE, `cancelled part-way (at ${cancelledAt} of ${LARGE} bytes)`);
  t.diagnostic(`cancelled at ${(100 * cancelledAt / LARGE).toFixed(0)} %; sender: ${sent.message} receiver: ${received.message}`);
  assert.equal(sent.ok, false, "the sender's done rejects");
  assert.equal(sent.code, 'cancelled', `sender's code (message: ${sent.message})`);
  assert.equal(received.ok, false, "the receiver's done rejects");
  assert.equal(received.code, 'cancelled', `receiver's code (message: ${received.message})`);
  assert.equal((await a.transferInfo(key)).state, 'cancelled', "the sender's transfer ends cancelled");
  assert.equal((await b.transferInfo(offer.key)).state, 'cancelled', "the receiver's transfer ends cancelled");
  await Promise.all([a.close(), b.close()]);
});

test("the receiver closing its page mid-transfer fails the sender's transfer with code 'peer-left'", { timeout: 120_000 }, async (t) => {
  const { a, b } = await pair();
  let reached;
  const thirty = new Promise((resolve) => { reached = resolve; });
  await b.page.exposeBinding('__e2eReached', () => reached());
  await b.evaluate(() => {
    window.__e2e.onProgress = (key, detail) => {
      if (detail.bytes >= 0.3 * detail.total && !window.__told) {
        window.__told = true;
        window.__e2eReached();
      }
    };
  });
  const key = await a.send(b.id, oneFile('left-behind.bin', LARGE, 9));
  const offer = await b.nextOffer();
  await b.accept(offer.key);
  await thirty;
  // As a user closing the tab: pagehide runs, where the page calls lanvan.close() to tell its peers.
  await b.page.close();

  const sent = await a.outcome(key, 30_000);
  t.diagnostic(`sender: ${sent.code}: ${sent.message}`);
  assert.equal(sent.ok, false, "the sender's done rejects");
  // docs/client-api.md: peer-left when "the other device disconnected or closed LANVan before the end"
  assert.equal(sent.code, 'peer-left', `code (message: ${sent.message})`);
  assert.ok(sent.message.length > 0, 'the error has a message for the user');
  assert.equal((await a.transferInfo(key)).state, 'failed', "the sender's transfer ends failed");
  await a.close();
});
