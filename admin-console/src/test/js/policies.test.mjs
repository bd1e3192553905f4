import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  POLICY_FIELDS, POLICY_LABELS, changedPolicies, formToPolicies, policiesToForm,
} from '../../main/resources/static/forms/policies.js';

const SAVED = {
  mode: 'hybrid',
  maxFileBytes: 2_000_000_000,
  maxTransferBytes: 0,
  blockedExtensions: ['bat', 'exe'],
  clientAllow: ['192.168.1.0/24'],
  clientDeny: [],
  adminAllow: [],
  adminDeny: ['10.9.0.0/16'],
  anonymousDevices: true,
  connectionsPerMinute: 60,
  framesPerSecond: 50,
  auditRetentionDays: 365,
  recordFileNames: false,
};

describe('policies form', () => {
  test('coversEveryPolicyButTheModeWhichHasItsOwnPage', () => {
    const ids = POLICY_FIELDS.map((f) => f.id).sort();
    assert.deepEqual(ids, Object.keys(SAVED).filter((id) => id !== 'mode').sort());
    assert.equal(POLICY_LABELS.framesPerSecond, 'Messages per second');
  });

  test('showsTheApiValuesAsTheControlsHoldThem', () => {
    const form = policiesToForm(SAVED);
    assert.deepEqual(form.maxFileBytes, { amount: '2', unit: 'GB' });
    assert.equal(form.blockedExtensions, 'bat, exe');
    assert.equal(form.clientAllow, '192.168.1.0/24');
    assert.equal(form.connectionsPerMinute, '60');
    assert.equal(form.anonymousDevices, true);
  });

  test('anUntouchedFormChangesNothing', () => {
    const { values, errors } = formToPolicies(policiesToForm(SAVED));
    assert.deepEqual(errors, {});
    assert.deepEqual(changedPolicies(SAVED, values), {});
  });

  test('sendsOnlyWhatChangedInTheApisTypes', () => {
    const form = policiesToForm(SAVED);
    form.maxTransferBytes = { amount: '10', unit: 'GB' };
    form.blockedExtensions = 'exe, .BAT, .ps1';
    form.clientAllow = '192.168.1.0/24\n10.0.0.0/8\n';
    form.recordFileNames = true;
    const { values, errors } = formToPolicies(form);
    assert.deepEqual(errors, {});
    assert.deepEqual(changedPolicies(SAVED, values), {
      maxTransferBytes: 10_000_000_000,
      blockedExtensions: ['exe', 'bat', 'ps1'],
      clientAllow: ['192.168.1.0/24', '10.0.0.0/8'],
      recordFileNames: true,
    });
  });

  test('reorderingAListIsNoChange', () => {
    const form = policiesToForm(SAVED);
    form.blockedExtensions = 'exe, bat';
    assert.deepEqual(changedPolicies(SAVED, formToPolicies(form).values), {});
  });

  test('reportsBrowserCheckableMistakesByField', () => {
    const form = policiesToForm(SAVED);
    form.maxFileBytes = { amount: 'big', unit: 'GB' };
    form.auditRetentionDays = '0';
    form.framesPerSecond = '';
    const { errors } = formToPolicies(form);
    assert.deepEqual(Object.keys(errors).sort(), ['auditRetentionDays', 'framesPerSecond', 'maxFileBytes']);
    assert.equal(errors.auditRetentionDays, 'Enter a number from 1 to 36500.');
  });
});
