import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { describeHeap, formatAgo, formatBytes, formatCount, formatUptime } from '../../main/resources/static/status/format.js';

describe('formatUptime', () => {
  test('showsTheTwoLargestUnitsThatMatter', () => {
    assert.equal(formatUptime(0), '0 s');
    assert.equal(formatUptime(42), '42 s');
    assert.equal(formatUptime(60), '1 min');
    assert.equal(formatUptime(303), '5 min 3 s');
    assert.equal(formatUptime(2 * 3600 + 5 * 60 + 59), '2 h 5 min');
    assert.equal(formatUptime(7200), '2 h');
    assert.equal(formatUptime(3 * 86_400 + 4 * 3600 + 120), '3 d 4 h');
    assert.equal(formatUptime(86_400), '1 d');
  });

  test('dropsFractionsOfASecond', () => {
    assert.equal(formatUptime(59.9), '59 s');
  });

  test('showsADashForValuesItCannotTrust', () => {
    for (const value of [-1, NaN, undefined, null, '12', Infinity]) assert.equal(formatUptime(value), '—');
  });
});

describe('formatBytes', () => {
  test('usesBinaryUnitsWithOneDecimalBelowTen', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(187 * 2 ** 20), '187 MiB');
    assert.equal(formatBytes(4 * 2 ** 30), '4 GiB');
    assert.equal(formatBytes(3.7 * 2 ** 30), '3.7 GiB');
    assert.equal(formatBytes(5 * 2 ** 40), '5 TiB');
  });

  test('roundsUpToTheNextUnitInsteadOfShowing1024', () => {
    assert.equal(formatBytes(1023.7 * 1024), '1 MiB');
  });

  test('showsADashForValuesItCannotTrust', () => {
    assert.equal(formatBytes(-1), '—');
    assert.equal(formatBytes(undefined), '—');
  });
});

describe('describeHeap', () => {
  test('givesUsedOfMaxWithPercentAndFraction', () => {
    const heap = describeHeap({ heapUsedBytes: 1 * 2 ** 30, heapMaxBytes: 4 * 2 ** 30 });
    assert.equal(heap.text, '1 GiB of 4 GiB (25 %)');
    assert.equal(heap.fraction, 0.25);
  });

  test('handlesAJvmWithoutAHeapLimit', () => {
    const heap = describeHeap({ heapUsedBytes: 200 * 2 ** 20, heapMaxBytes: -1 });
    assert.equal(heap.fraction, null);
    assert.equal(heap.text, '200 MiB used, no limit set');
  });

  test('copesWithMissingMemoryFigures', () => {
    assert.equal(describeHeap(undefined).fraction, null);
    assert.equal(describeHeap(undefined).used, '—');
  });
});

describe('formatAgo', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const before = (seconds) => new Date(now - seconds * 1000).toISOString();

  test('isCoarseEnoughNotToFlickerOnEveryRefresh', () => {
    assert.equal(formatAgo(before(3), now), 'just now');
    assert.equal(formatAgo(before(42), now), '42 s ago');
    assert.equal(formatAgo(before(5 * 60 + 59), now), '5 min ago');
    assert.equal(formatAgo(before(2 * 3600 + 5 * 60 + 7), now), '2 h 5 min ago');
    assert.equal(formatAgo(before(3 * 86_400 + 4 * 3600), now), '3 d 4 h ago');
  });

  test('readsAServerClockSlightlyAheadAsJustNow', () => {
    assert.equal(formatAgo(new Date(now + 4000).toISOString(), now), 'just now');
  });

  test('acceptsDatesAndShowsADashForWhatIsNoInstant', () => {
    assert.equal(formatAgo(new Date(now - 90_000), now), '1 min ago');
    for (const value of ['', 'yesterday', null, undefined, 12]) assert.equal(formatAgo(value, now), '—');
  });
});

describe('formatCount', () => {
  test('groupsThousandsAndRefusesWhatIsNoCount', () => {
    assert.equal(formatCount(0), '0');
    assert.equal(formatCount(1284), '1,284');
    for (const value of [-1, 1.5, NaN, '3', null]) assert.equal(formatCount(value), '—');
  });
});
