import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { routeSplit, transferTiles } from '../../main/resources/static/status/transfers.js';

const GiB = 2 ** 30;

describe('transfer tiles', () => {
  test('showTheCountsSinceStartAsAdminsReadThem', () => {
    const tiles = transferTiles({
      connectedDevices: 4, openTransfers: 2, completed: 1284, failed: 7, cancelled: 31, bytesDirect: 3 * GiB, bytesRelay: GiB,
    });
    assert.equal(tiles.connectedDevices, '4');
    assert.equal(tiles.openTransfers, '2');
    assert.deepEqual(tiles.outcomes.map((o) => `${o.label} ${o.value}`), ['Completed 1,284', 'Failed 7', 'Cancelled 31']);
    assert.equal(tiles.finished, '1,322 finished');
    assert.equal(tiles.routes.total, '4 GiB');
  });

  test('showDashesForFiguresTheServerDidNotSend', () => {
    const tiles = transferTiles({});
    assert.equal(tiles.connectedDevices, '—');
    assert.equal(tiles.outcomes[0].value, '—');
    assert.equal(tiles.finished, '0 finished');
    assert.equal(tiles.routes.empty, true);
  });
});

describe('route split', () => {
  test('givesEachRouteItsShareOfTheBar', () => {
    const split = routeSplit(3 * GiB, GiB);
    assert.equal(split.direct.share, 0.75);
    assert.equal(split.relay.share, 0.25);
    assert.equal(split.direct.bytes, '3 GiB');
    assert.equal(split.text, 'Direct 3 GiB (75 %), relay 1 GiB (25 %)');
  });

  test('neverCallsASmallShareNothingOrALargeOneEverything', () => {
    const split = routeSplit(999_000, 1000);
    assert.equal(split.relay.percent, '<1 %');
    assert.equal(split.direct.percent, '>99 %');
    assert.equal(routeSplit(0, 5).relay.percent, '100 %');
    assert.equal(routeSplit(0, 5).direct.percent, '0 %');
  });

  test('isEmptyWithNoBarWhenNothingMoved', () => {
    const split = routeSplit(0, 0);
    assert.equal(split.empty, true);
    assert.equal(split.direct.share, 0);
    assert.equal(split.text, 'No file data has moved yet.');
  });

  test('treatsNegativeOrMissingBytesAsNone', () => {
    assert.deepEqual([routeSplit(-5, 10).relay.share, routeSplit(undefined, 10).direct.share], [1, 0]);
  });
});
