import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  PASSWORD_MASK, changedSettings, controlFor, describeDefault, initialFormValue, readFormValue,
} from '../../main/resources/static/forms/metatype.js';

const attr = (overrides) => ({
  id: 'x', name: 'X', description: '', type: 'string', cardinality: 0, defaultValue: [], options: [], required: true, value: null, ...overrides,
});

const RELAY = {
  pid: 'io.lanvan.relay',
  name: 'Relay',
  attributes: [
    attr({ id: 'maxBufferedBytes', type: 'integer', defaultValue: ['4194304'], value: 4194304 }),
    attr({ id: 'enabled', type: 'boolean', defaultValue: ['true'], value: null }),
    attr({ id: 'route', type: 'string', options: [{ value: 'a', label: 'Route A' }, { value: 'b', label: 'Route B' }], defaultValue: ['a'], value: 'b' }),
    attr({ id: 'origins', type: 'string', cardinality: 100, defaultValue: [], value: ['https://a.example', 'https://b.example'], required: false }),
    attr({ id: 'secret', type: 'password', value: PASSWORD_MASK }),
    attr({ id: 'ratio', type: 'double', defaultValue: ['0.5'] }),
  ],
};
const byId = (id) => RELAY.attributes.find((a) => a.id === id);

describe('controlFor', () => {
  test('picksAControlForEveryMetatypeShape', () => {
    assert.deepEqual(controlFor(byId('maxBufferedBytes')), { kind: 'number', step: '1' });
    assert.deepEqual(controlFor(byId('ratio')), { kind: 'number', step: 'any' });
    assert.deepEqual(controlFor(byId('enabled')), { kind: 'checkbox' });
    assert.deepEqual(controlFor(byId('route')), { kind: 'select' });
    assert.deepEqual(controlFor(byId('origins')), { kind: 'list' });
    assert.deepEqual(controlFor(byId('secret')), { kind: 'password' });
    assert.deepEqual(controlFor(attr({ cardinality: -5, options: [{ value: 'a', label: 'A' }] })), { kind: 'choices' });
    assert.deepEqual(controlFor(attr({ type: 'long' })), { kind: 'number', step: '1' });
    assert.deepEqual(controlFor(attr({})), { kind: 'text' });
  });
});

describe('initialFormValue', () => {
  test('showsTheStoredValueOrElseTheDefault', () => {
    assert.equal(initialFormValue(byId('maxBufferedBytes')), '4194304');
    assert.equal(initialFormValue(byId('enabled')), true);
    assert.equal(initialFormValue(byId('route')), 'b');
    assert.equal(initialFormValue(byId('origins')), 'https://a.example\nhttps://b.example');
    assert.equal(initialFormValue(byId('ratio')), '0.5');
  });

  test('neverPutsThePasswordMaskInTheBox', () => {
    assert.equal(initialFormValue(byId('secret')), '');
  });

  test('readsACommaSeparatedListFromACfgFile', () => {
    assert.equal(initialFormValue(attr({ cardinality: 10, value: 'exe, bat' })), 'exe\nbat');
  });
});

describe('changedSettings', () => {
  const untouched = () => Object.fromEntries(RELAY.attributes.map((a) => [a.id, initialFormValue(a)]));

  test('anUntouchedFormSendsNothingAndKeepsThePassword', () => {
    assert.deepEqual(changedSettings(RELAY, untouched()), { values: {}, errors: {} });
  });

  test('sendsChangedValuesInTheirTypes', () => {
    const form = { ...untouched(), maxBufferedBytes: '8388608', enabled: false, origins: 'https://c.example\n', secret: 'new secret', ratio: '0.75' };
    assert.deepEqual(changedSettings(RELAY, form), {
      values: { maxBufferedBytes: 8388608, enabled: false, origins: ['https://c.example'], secret: 'new secret', ratio: 0.75 },
      errors: {},
    });
  });

  test('reportsValuesThatCannotHaveTheAttributesType', () => {
    const form = { ...untouched(), maxBufferedBytes: '4.5', ratio: 'half' };
    const { errors } = changedSettings(RELAY, form);
    assert.deepEqual(errors, { maxBufferedBytes: 'Enter a whole number.', ratio: 'Enter a number.' });
  });
});

describe('readFormValue', () => {
  test('keepsIntegersInsideTheJavaIntRange', () => {
    assert.match(readFormValue(attr({ type: 'integer' }), '2147483648').error, /2147483647/);
    assert.deepEqual(readFormValue(attr({ type: 'long' }), '2147483648'), { value: 2147483648 });
  });

  test('requiresRequiredValuesAndAllowsAnEmptyOptionalString', () => {
    assert.deepEqual(readFormValue(attr({}), '  '), { error: 'Required.' });
    assert.deepEqual(readFormValue(attr({ required: false }), ''), { value: '' });
    assert.deepEqual(readFormValue(attr({ type: 'integer', required: false }), ''), { error: 'Enter a number.' });
  });

  test('checksEveryListEntryAndTheCardinality', () => {
    assert.deepEqual(readFormValue(attr({ type: 'integer', cardinality: 5 }), '1\n2\n'), { value: [1, 2] });
    assert.equal(readFormValue(attr({ type: 'integer', cardinality: 5 }), '1\ntwo').error, '“two”: Enter a whole number.');
    assert.equal(readFormValue(attr({ cardinality: 2 }), 'a\nb\nc').error, 'At most 2 entries.');
    assert.deepEqual(readFormValue(attr({ cardinality: -3, options: [{ value: 'a', label: 'A' }] }), ['a']), { value: ['a'] });
  });

  test('asksForAPasswordOnlyWhenRequiredAndNoneIsStored', () => {
    assert.deepEqual(readFormValue(attr({ type: 'password', value: PASSWORD_MASK }), ''), { keep: true });
    assert.deepEqual(readFormValue(attr({ type: 'password', value: null }), ''), { error: 'Required.' });
  });
});

describe('describeDefault', () => {
  test('namesTheDefaultByItsOptionLabel', () => {
    assert.equal(describeDefault(byId('route')), 'Default: Route A');
    assert.equal(describeDefault(byId('origins')), '');
    assert.equal(describeDefault(attr({ type: 'password', defaultValue: ['x'] })), '');
  });
});
