// A transfer from one device to another, checked the way a user would check it: it ends, by the
// route asked for, every file arrives with the SHA-256 of what was sent, and done lists each
// file's piece root (docs/transfer.md, "Pieces").

import assert from 'node:assert/strict';
import { patternRoot, patternSha256 } from './pattern.mjs';

export const MiB = 1024 * 1024;

/** One file of `size` pattern bytes. */
export const oneFile = (name, size, seed = 1) => [{ name, size, seed }];

/** `count` small files in nested folders (one of them empty), sent with their relative paths. */
export function folder(count = 50, seed = 100) {
  return Array.from({ length: count }, (_, i) => ({
    name: `photo-${i}.bin`,
    path: `holiday/${i < count / 2 ? 'day-1' : 'day-2/raw'}/photo-${i}.bin`,
    size: i === 0 ? 0 : 1 + ((i * 7919) % 48_000),
    seed: seed + i,
  }));
}

/** What done must list for these specs: [{name, size, root}] with the relative path as name. */
export function expectedFiles(specs) {
  return specs.map((s) => ({ name: s.path ?? s.name, size: s.size, root: patternRoot(s.seed, s.size) }));
}

/** What the received File objects must hash to: [{name, size, sha256}] (SHA-256 of the whole file). */
export function expectedContent(specs) {
  return specs.map((s) => ({ name: s.path ?? s.name, size: s.size, sha256: patternSha256(s.seed, s.size) }));
}

const describeOutcome = (who, outcome) => (outcome.ok ? `${who}: completed` : `${who}: ${outcome.name} code=${outcome.code}: ${outcome.message}`);

/**
 * sender offers specs to receiver with options; receiver accepts; both must complete by
 * `expectRoute` with the expected files. Returns {sent, received, acceptedAt, doneAt}.
 */
export async function transferAndVerify({ sender, receiver, specs, options, expectRoute, timeoutMs = 90_000 }) {
  const total = specs.reduce((n, s) => n + s.size, 0);
  const expected = expectedFiles(specs);
  const key = await sender.send(receiver.id, specs, options);

  const offer = await receiver.nextOffer();
  assert.equal(offer.from.id, sender.id, 'the offer names the sender');
  assert.deepEqual(offer.files.map(({ name, size }) => ({ name, size })), expected.map(({ name, size }) => ({ name, size })),
    'the offer lists the files with their relative paths and sizes');
  const acceptedAt = Date.now();
  await receiver.accept(offer.key);

  const [sent, received] = await Promise.all([sender.outcome(key, timeoutMs), receiver.outcome(offer.key, timeoutMs)]);
  const doneAt = Date.now();
  assert.ok(sent.ok && received.ok, `both sides complete (${describeOutcome('sender', sent)}; ${describeOutcome('receiver', received)})`);

  assert.equal(sent.result.route, expectRoute, 'the sender reports the route');
  assert.equal(received.result.route, expectRoute, 'the receiver reports the route');
  assert.equal(sent.result.bytes, total, "the sender's done counts every byte");
  assert.equal(received.result.bytes, total, "the receiver's done counts every byte");
  assert.ok(Number.isFinite(sent.result.ms) && sent.result.ms >= 0, `ms is a duration (${sent.result.ms})`);
  assert.deepEqual(sent.result.files, expected, "the sender's piece roots are those of the generated content");
  assert.deepEqual(received.result.files, expected, "the receiver's piece roots are those of the generated content");

  const arrived = await receiver.receivedFiles(offer.key);
  assert.deepEqual(arrived.map(({ name, size, sha256 }) => ({ name, size, sha256 })), expectedContent(specs),
    'the received File objects hash (WebCrypto) to what was sent');

  const progress = await sender.progress(key);
  assert.ok(progress.length > 0, 'the sender saw progress events');
  for (let i = 1; i < progress.length; i++) {
    assert.ok(progress[i].bytes >= progress[i - 1].bytes, `progress never goes back (${progress[i - 1].bytes} then ${progress[i].bytes})`);
  }
  const last = progress.at(-1);
  assert.equal(last.bytes, total, 'the last progress event is at 100 %');
  assert.equal(last.total, total, 'progress total is the size of the files');
  for (const field of ['bytesPerSecond', 'etaSeconds']) {
    assert.equal(typeof last[field], 'number', `progress.${field} is a number`);
  }
  return { key, offerKey: offer.key, sent, received, acceptedAt, doneAt };
}

/** One line for the test's diagnostics: route, size, time, throughput. */
export function summary({ sent, acceptedAt, doneAt }) {
  const { route, bytes, ms } = sent.result;
  const rate = ms > 0 ? ` = ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s` : '';
  return `${route}: ${bytes} bytes, done.ms ${ms}${rate}; accept to done ${doneAt - acceptedAt} ms`;
}
