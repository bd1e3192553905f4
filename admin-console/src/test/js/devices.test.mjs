import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  DEVICE_ID, admissionRule, afterApprove, afterRevoke, describeDevices, describeErasure, deviceRows, revokedDevices,
} from '../../main/resources/static/devices/devices.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const ago = (seconds) => new Date(NOW - seconds * 1000).toISOString();
const device = (deviceId, overrides = {}) => ({
  deviceId, name: deviceId, platform: 'linux', address: '192.168.1.10', since: ago(60),
  status: 'connected', approved: false, revoked: false, ...overrides,
});

describe('device rows', () => {
  test('showWhatAnAdminReadsNotTheWireValues', () => {
    const [row] = deviceRows([device('k3v9QmXz01', { name: 'Anna’s MacBook', platform: 'macos', since: ago(26 * 60) })], NOW);
    assert.equal(row.name, 'Anna’s MacBook');
    assert.equal(row.platform, 'macOS');
    assert.equal(row.address, '192.168.1.10');
    assert.equal(row.since.ago, '26 min ago');
    assert.equal(row.since.label, 'Connected');
    assert.deepEqual(row.status, { key: 'connected', label: 'Connected', tone: 'ok' });
  });

  test('putDevicesThatNeedAnAdminFirstThenTheRestByName', () => {
    const rows = deviceRows([
      device('zeta-0001', { name: 'zeta' }),
      device('alpha-0001', { name: 'Alpha' }),
      device('waits-0001', { name: 'Waiting phone', status: 'awaiting-approval' }),
      device('beta-00010', { name: 'beta 10' }),
      device('beta-00002', { name: 'beta 2' }),
    ], NOW);
    assert.deepEqual(rows.map((r) => r.name), ['Waiting phone', 'Alpha', 'beta 2', 'beta 10', 'zeta']);
  });

  test('offerRevokeToConnectedDevicesAndApproveToThoseTurnedAwayOrRevoked', () => {
    const rows = deviceRows([
      device('connected-1'),
      device('awaiting-1', { status: 'awaiting-approval' }),
      device('revoked-01', { status: 'awaiting-approval', revoked: true }),
    ], NOW);
    const actions = Object.fromEntries(rows.map((r) => [r.deviceId, [r.status.label, r.canRevoke, r.canApprove]]));
    assert.deepEqual(actions, {
      'connected-1': ['Connected', true, false],
      'awaiting-1': ['Awaiting approval', true, true],
      'revoked-01': ['Revoked', false, true],
    });
    assert.equal(rows.find((r) => r.deviceId === 'awaiting-1').since.label, 'Asked to join');
  });

  test('nameDevicesWithoutANameAndKnowNoUnknownPlatform', () => {
    const [row] = deviceRows([device('nameless-1', { name: '  ', platform: 'beos', address: '' })], NOW);
    assert.equal(row.name, 'Unnamed device');
    assert.equal(row.platform, 'Other');
    assert.equal(row.address, '—');
  });

  test('keepTheirSignatureAsTimePassesButNotWhenTheDeviceChanges', () => {
    const before = deviceRows([device('k3v9QmXz01')], NOW)[0];
    const later = deviceRows([device('k3v9QmXz01')], NOW + 3_600_000)[0];
    const revoked = deviceRows([device('k3v9QmXz01', { revoked: true })], NOW)[0];
    assert.notEqual(before.since.ago, later.since.ago);
    assert.equal(before.signature, later.signature);
    assert.notEqual(before.signature, revoked.signature);
  });

  test('skipAnswersThatAreNoDevices', () => {
    assert.deepEqual(deviceRows(null, NOW), []);
    assert.equal(deviceRows([null, { name: 'no id' }, device('real-device')], NOW).length, 1);
  });
});

describe('device summary', () => {
  test('saysNoDevicesAreConnectedWhenTheListIsEmpty', () => {
    assert.equal(describeDevices([]), 'No devices connected right now.');
  });

  test('countsConnectedDevicesAndThoseWaiting', () => {
    const rows = deviceRows([device('a-device-1'), device('a-device-2'), device('waiting-01', { status: 'awaiting-approval' })], NOW);
    assert.equal(describeDevices(rows), '2 connected · 1 awaiting approval');
  });
});

describe('revoked devices', () => {
  test('listTheRevokedIdsSortedWithTheNameOfAListedDevice', () => {
    const listed = [device('Zr8QpLm2xY44', { name: 'Old laptop', status: 'awaiting-approval', revoked: true })];
    assert.deepEqual(revokedDevices({ revokedDevices: ['old-tablet-77aa', 'Zr8QpLm2xY44', 'old-tablet-77aa'] }, listed), [
      { deviceId: 'Zr8QpLm2xY44', name: 'Old laptop' },
      { deviceId: 'old-tablet-77aa', name: null },
    ]);
  });

  test('keepAKnownNameWhenALaterEntryHasNone', () => {
    const known = [{ deviceId: 'laptop-001', name: 'Old laptop' }, device('laptop-001', { name: ' ' })];
    assert.deepEqual(revokedDevices({ revokedDevices: ['laptop-001'] }, known), [{ deviceId: 'laptop-001', name: 'Old laptop' }]);
  });

  test('areNoneWhenThePoliciesHaveNoList', () => {
    assert.deepEqual(revokedDevices({}), []);
    assert.deepEqual(revokedDevices(null), []);
  });
});

describe('admission rule', () => {
  test('explainsWhetherDevicesNeedApproval', () => {
    assert.equal(admissionRule({ anonymousDevices: true }).title, 'Devices may join without approval.');
    const strict = admissionRule({ anonymousDevices: false });
    assert.equal(strict.anonymous, false);
    assert.match(strict.text, /awaiting approval until you approve it/);
  });

  test('isUnknownUntilThePoliciesSayIt', () => {
    assert.equal(admissionRule(null), null);
    assert.equal(admissionRule({}), null);
  });
});

describe('after an action', () => {
  const state = {
    devices: [device('laptop-001'), device('phone-0001', { status: 'awaiting-approval' })],
    policies: { anonymousDevices: false, approvedDevices: ['laptop-001'], revokedDevices: ['tablet-001'] },
  };

  test('aRevokedDeviceLeavesTheListAndJoinsTheRevokedOnes', () => {
    const next = afterRevoke(state, 'laptop-001');
    assert.deepEqual(next.devices.map((d) => d.deviceId), ['phone-0001']);
    assert.deepEqual(next.policies.revokedDevices, ['tablet-001', 'laptop-001']);
    assert.deepEqual(next.policies.approvedDevices, []);
    assert.equal(state.devices.length, 2, 'the previous state is left as it was');
  });

  test('anApprovedWaitingDeviceLeavesTheListUntilItConnectsAgain', () => {
    const next = afterApprove(state, 'phone-0001');
    assert.deepEqual(next.devices.map((d) => d.deviceId), ['laptop-001']);
    assert.deepEqual(next.policies.approvedDevices, ['laptop-001', 'phone-0001']);
  });

  test('approvingARevokedIdLiftsTheRevocation', () => {
    const next = afterApprove(state, 'tablet-001');
    assert.deepEqual(next.policies.revokedDevices, []);
    assert.deepEqual(next.devices, state.devices);
  });

  test('workBeforeAnythingHasLoaded', () => {
    assert.deepEqual(afterRevoke({ devices: null, policies: null }, 'laptop-001'), { devices: null, policies: null });
  });
});

describe('personal data', () => {
  test('onlyDeviceIdsAreAcceptedAsTheServerChecks', () => {
    assert.ok(DEVICE_ID.test('k3v9QmXz01'));
    assert.ok(DEVICE_ID.test('YW5hLWxhcHRvcC1pZGVudGl0eS1rZXktc3BraS1oYXNo'));
    assert.ok(!DEVICE_ID.test('short'));
    assert.ok(!DEVICE_ID.test('dots.are.not.ids'));
    assert.ok(!DEVICE_ID.test('x'.repeat(65)));
  });

  test('anErasureSaysWhatEachCapabilityErasedAndThePseudonym', () => {
    const text = describeErasure({
      pseudonym: 'erased-device-0123456789ab', complete: true,
      erased: { audit: { dataKeys: 1, recordsMadeUnreadable: 12 } }, failed: {},
    });
    assert.equal(text, 'Erased: audit: dataKeys 1, recordsMadeUnreadable 12. It now appears as erased-device-0123456789ab.');
  });

  test('aPartialErasureNamesTheCapabilityThatFailed', () => {
    const text = describeErasure({ complete: false, erased: {}, failed: { trust: 'database closed' } });
    assert.equal(text, 'Partly erased: no capability holds personal data; trust failed (database closed).');
  });
});
