import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkPasswords } from '../../main/resources/static/forms/password.js';

test('acceptsALongNewPasswordTypedTwice', () => {
  assert.deepEqual(checkPasswords('initial-1234', 'correct horse battery', 'correct horse battery'), {});
});

test('asksForTheCurrentPassword', () => {
  assert.deepEqual(Object.keys(checkPasswords('', 'correct horse battery', 'correct horse battery')), ['currentPassword']);
});

test('refusesANewPasswordShorterThanTwelveCharactersAndSaysHowLongItIs', () => {
  assert.deepEqual(checkPasswords('initial-1234', 'elevenchars', 'elevenchars'),
    { newPassword: 'Use at least 12 characters (this one has 11).' });
  assert.deepEqual(checkPasswords('initial-1234', 'twelve chars', 'twelve chars'), {});
});

test('refusesTheSamePasswordAgain', () => {
  assert.match(checkPasswords('initial-1234', 'initial-1234', 'initial-1234').newPassword, /different/);
});

test('refusesAConfirmationThatDiffers', () => {
  assert.deepEqual(Object.keys(checkPasswords('initial-1234', 'correct horse battery', 'correct horse batery')), ['confirmPassword']);
});
