import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { fieldProblems } from '../../main/resources/static/forms/problems.js';

const POLICY_LABELS = { clientAllow: 'Allowed device addresses', framesPerSecond: 'Messages per second', mode: 'Mode' };

describe('fieldProblems', () => {
  test('mapsThePoliciesFieldColonMessageForm', () => {
    const result = fieldProblems("clientAllow: '10.0.0.0/33' is not an IPv4 or IPv6 address or CIDR range", POLICY_LABELS);
    assert.deepEqual(result, { fields: { clientAllow: "'10.0.0.0/33' is not an IPv4 or IPv6 address or CIDR range." }, general: [] });
  });

  test('mapsTheQuotedFieldForms', () => {
    assert.deepEqual(fieldProblems("Field 'port': must be between 1 and 65535", { port: 'Port' }).fields, { port: 'Must be between 1 and 65535.' });
    assert.deepEqual(fieldProblems("Field 'mode' must be one of hybrid, p2p-first, server-only", POLICY_LABELS).fields,
      { mode: 'Must be one of hybrid, p2p-first, server-only.' });
  });

  test('keepsTheSubjectAsTheFieldsLabelWhenTheSentenceNeedsIt', () => {
    const labels = { currentPassword: 'Current password', newPassword: 'New password' };
    assert.deepEqual(fieldProblems('currentPassword is wrong', labels).fields, { currentPassword: 'Current password is wrong.' });
    assert.deepEqual(fieldProblems('newPassword must be 12-256 characters', labels).fields,
      { newPassword: 'New password must be 12-256 characters.' });
  });

  test('splitsSeveralProblemsJoinedBySemicolons', () => {
    const result = fieldProblems('framesPerSecond: must be between 1 and 100000; clientAllow: \'x\' is not an IPv4 or IPv6 address or CIDR range', POLICY_LABELS);
    assert.deepEqual(Object.keys(result.fields), ['framesPerSecond', 'clientAllow']);
    assert.deepEqual(result.general, []);
  });

  test('leavesADetailNamingNoKnownFieldForTheFormAsAWhole', () => {
    const detail = "Unknown field 'colour'; known: mode, maxFileBytes";
    assert.deepEqual(fieldProblems(detail, POLICY_LABELS), { fields: {}, general: [detail] });
    assert.deepEqual(fieldProblems('Send the policies to change as a JSON object', POLICY_LABELS).general,
      ['Send the policies to change as a JSON object']);
  });

  test('ignoresAColonPrefixThatIsNotAField', () => {
    const detail = 'io.lanvan.relay could not be stopped: Bundle is in use';
    assert.deepEqual(fieldProblems(detail, POLICY_LABELS), { fields: {}, general: [detail] });
  });

  test('matchesFieldIdsRegardlessOfCase', () => {
    assert.deepEqual(Object.keys(fieldProblems('FRAMESPERSECOND: must be between 1 and 100000', POLICY_LABELS).fields), ['framesPerSecond']);
  });

  test('copesWithAnEmptyDetail', () => {
    assert.deepEqual(fieldProblems('', POLICY_LABELS), { fields: {}, general: [] });
    assert.deepEqual(fieldProblems(undefined, POLICY_LABELS), { fields: {}, general: [] });
  });
});
