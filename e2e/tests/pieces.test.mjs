// Per-piece integrity (docs/transfer.md, "Pieces"): a piece that arrives damaged is fetched again
// and the file is delivered intact; a piece that stays damaged ends both sides with hash-mismatch.
// The damage is done by the receiving page's test-only hook (globalThis.lanvanTestHooks, set by an
// init script before the client loads), which flips a byte of a piece just before it is verified:
// after AES-GCM has authenticated the frames, as a bad read, a bad write or a lying source would.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../support/eventually.mjs';
import { useLanvan } from '../support/harness.mjs';
import { MiB, oneFile, summary, transferAndVerify } from '../support/transfers.mjs';

const lanvan = useLanvan();

/** Installs the hook: flips byte 1000 of piece `piece` of file 0 on the first `times` checks of it, and records every check. */
function corruptScript({ piece, times }) {
  return `(() => {
    const checks = [];
    let left = ${times};
    globalThis.__pieceChecks = checks;
    globalThis.lanvanTestHooks = {
      beforePieceCheck({ file, piece, attempt, bytes }) {
        checks.push([file, piece, attempt]);
        if (file === 0 && piece === ${piece} && left > 0) {
          left -= 1;
          bytes[Math.min(1000, bytes.length - 1)] ^= 0x5a;
        }
      },
    };
  })();`;
}

async function pair(receiverScripts) {
  const a = await lanvan.open('A (sender)');
  const b = await lanvan.open('B (receiver)', { initScripts: receiverScripts });
  await eventually(async () => (await a.peerIds()).includes(b.id), { timeoutMs: 5000, what: 'A listing B' });
  return { a, b };
}

for (const route of ['direct', 'relay']) {
  test(`over the ${route} route a piece damaged once is fetched again and the file arrives intact`, { timeout: 120_000 }, async (t) => {
    const { a, b } = await pair([corruptScript({ piece: 1, times: 1 })]);
    // 10 MiB + 5: pieces 0 and 1 are 4 MiB, piece 2 is 2 MiB + 5.
    const outcome = await transferAndVerify({ sender: a, receiver: b, specs: oneFile('pieces.bin', 10 * MiB + 5, 21), options: { route }, expectRoute: route });
    t.diagnostic(summary(outcome));
    const checks = await b.evaluate(() => globalThis.__pieceChecks);
    assert.deepEqual(checks.filter(([, piece]) => piece === 1), [[0, 1, 0], [0, 1, 1]], 'piece 1 was checked, found bad, sent again and checked once more');
    assert.deepEqual(checks.filter(([, piece]) => piece !== 1).map(([, piece, attempt]) => [piece, attempt]), [[0, 0], [2, 0]], 'the other pieces were sent once');
    await Promise.all([a.close(), b.close()]);
  });

  test(`over the ${route} route a piece that stays damaged ends both sides with hash-mismatch`, { timeout: 120_000 }, async (t) => {
    const { a, b } = await pair([corruptScript({ piece: 0, times: Infinity })]);
    const key = await a.send(b.id, oneFile('broken.bin', 6 * MiB, 22), { route });
    const offer = await b.nextOffer();
    await b.accept(offer.key);
    const [sent, received] = await Promise.all([a.outcome(key, 60_000), b.outcome(offer.key, 60_000)]);
    t.diagnostic(`sender: ${sent.code}: ${sent.message}; receiver: ${received.code}: ${received.message}`);
    assert.equal(received.ok, false, "the receiver's done rejects");
    assert.equal(received.code, 'hash-mismatch', `receiver's code (message: ${received.message})`);
    assert.equal(sent.ok, false, "the sender's done rejects");
    assert.equal(sent.code, 'hash-mismatch', `sender's code (message: ${sent.message})`);
    const checks = await b.evaluate(() => globalThis.__pieceChecks);
    assert.deepEqual(checks.filter(([, piece]) => piece === 0).map(([, , attempt]) => attempt), [0, 1, 2, 3],
      'piece 0 was asked for again three times, then the transfer stopped');
    await Promise.all([a.close(), b.close()]);
  });
}
