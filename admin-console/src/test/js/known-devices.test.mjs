import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';

import { describePage, fingerprintOf, keptSelection, knownQuery, knownRows } from '../../main/resources/static/devices/known.js';

const device = (deviceId, overrides = {}) => ({
  deviceId, identityKey: 'k', name: 'Laptop', platform: 'linux', status: 'pending', firstSeen: '2026-12-01T10:00:00Z',
  lastSeen: '2026-12-03T10:00:00Z', addresses: ['10.0.0.2', '10.0.0.3'], decidedBy: '', decidedAt: null,
  reputation: { score: -5.123, completed: 1, failed: 0, hashMismatches: 0, declined: 0, cancelled: 0, reports: 1, flagged: true },
  ...overrides,
});

describe('known devices', () => {
  test('the filters make the query the server takes, leaving out what is not set', () => {
    assert.equal(knownQuery(), 'limit=50');
    assert.equal(knownQuery({ status: 'held', text: '  laptop ', flaggedBelow: -10, offset: 50 }),
      'status=held&q=laptop&scoreBelow=-10&offset=50&limit=50');
    assert.equal(knownQuery({ status: 'trusted', text: 'x'.repeat(150) }), `q=${'x'.repeat(100)}&limit=50`);
  });

  test('rows show the fingerprint in groups, the times, addresses and reputation', () => {
    const [row] = knownRows({ devices: [device('abcdefghijkl')] });
    assert.equal(row.fingerprint, 'abcdefghijkl', 'an id that is not a key hash is shown as it is');
    assert.equal(row.lastSeen, '2026-12-03T10:00:00.000Z');
    assert.equal(row.addresses, '10.0.0.2, 10.0.0.3');
    assert.equal(row.score, -5.12);
    assert.equal(row.flagged, true);
    assert.equal(row.canApprove, true);
    const [never] = knownRows({ devices: [device('revoked-id-1', { name: '', status: 'revoked', firstSeen: null })] });
    assert.equal(never.name, '(never seen)');
    assert.equal(never.firstSeen, 'never');
    assert.equal(never.canRevoke, false);
  });

  test('the fingerprint is the 32 bytes of the id as lower-case hex in groups of 4, as the web client shows it', () => {
    const digest = createHash('sha256').update('a key').digest();
    const expected = digest.toString('hex').match(/.{4}/g).join(' ');
    assert.equal(fingerprintOf(digest.toString('base64url')), expected);
    assert.equal(knownRows({ devices: [device(digest.toString('base64url'))] })[0].fingerprint, expected);
  });

  test('a selection keeps only the devices still listed, and a page says what it shows', () => {
    const rows = knownRows({ devices: [device('device-aaaa'), device('device-bbbb')] });
    assert.deepEqual(keptSelection(new Set(['device-bbbb', 'gone-device']), rows), ['device-bbbb']);
    assert.equal(describePage({ devices: [device('device-aaaa')], total: 3, offset: 0 }), 'Showing 1-1 of 3.');
    assert.equal(describePage({ devices: [], total: 0 }), 'No known devices match.');
  });
});
