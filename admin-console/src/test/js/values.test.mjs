import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  describeBytes, formatExtensions, joinBytes, linesToList, listToLines, parseExtensions, parseWholeNumber, splitBytes,
} from '../../main/resources/static/forms/values.js';

describe('sizes', () => {
  test('splitBytesPicksTheLargestUnitThatIsExact', () => {
    assert.deepEqual(splitBytes(2_000_000_000), { amount: '2', unit: 'GB' });
    assert.deepEqual(splitBytes(1_500_000_000), { amount: '1.5', unit: 'GB' });
    assert.deepEqual(splitBytes(250_000_000), { amount: '250', unit: 'MB' });
    assert.deepEqual(splitBytes(1024), { amount: '1024', unit: 'B' });
    assert.deepEqual(splitBytes(1_024_000), { amount: '1024', unit: 'KB' });
    assert.deepEqual(splitBytes(1_250_000), { amount: '1.25', unit: 'MB' });
    assert.deepEqual(splitBytes(1_073_741_824), { amount: '1073741824', unit: 'B' });
  });

  test('splitBytesShowsNoLimitAsZero', () => {
    assert.deepEqual(splitBytes(0), { amount: '0', unit: 'MB' });
    assert.deepEqual(splitBytes(undefined), { amount: '0', unit: 'MB' });
  });

  test('joinBytesMultipliesByDecimalUnits', () => {
    assert.deepEqual(joinBytes('1.5', 'GB'), { value: 1_500_000_000 });
    assert.deepEqual(joinBytes(' 250 ', 'MB'), { value: 250_000_000 });
    assert.deepEqual(joinBytes('1,1', 'GB'), { value: 1_100_000_000 });
    assert.deepEqual(joinBytes('0', 'TB'), { value: 0 });
  });

  test('joinBytesRefusesWhatIsNotASize', () => {
    assert.match(joinBytes('', 'MB').error, /0 for no limit/);
    assert.match(joinBytes('-5', 'MB').error, /Enter a number/);
    assert.match(joinBytes('lots', 'GB').error, /Enter a number/);
    assert.match(joinBytes('1e30', 'TB').error, /Enter a number/);
    assert.match(joinBytes('99999999', 'TB').error, /smaller size/);
    assert.match(joinBytes('1', 'PB').error, /Unknown unit/);
  });

  test('everySplitJoinsBackToTheSameBytes', () => {
    for (const bytes of [1, 999, 1000, 1024, 5_000_000, 1_073_741_824, 2 ** 40, 123_456_789_000]) {
      const { amount, unit } = splitBytes(bytes);
      assert.equal(joinBytes(amount, unit).value, bytes, `${bytes} → ${amount} ${unit}`);
    }
  });

  test('describeBytesSaysNoLimitForZero', () => {
    assert.equal(describeBytes(0), 'No limit');
    assert.equal(describeBytes(1_500_000_000, 'en'), '1,500,000,000 bytes');
  });
});

describe('lists', () => {
  test('linesToListTrimsAndDropsBlanksAndRepeats', () => {
    assert.deepEqual(linesToList(' 10.0.0.0/8 \n\n192.168.1.0/24\r\n10.0.0.0/8\n'), ['10.0.0.0/8', '192.168.1.0/24']);
    assert.deepEqual(linesToList('10.0.0.1, fd00::/8'), ['10.0.0.1', 'fd00::/8']);
    assert.deepEqual(linesToList(''), []);
  });

  test('listToLinesIsTheInverse', () => {
    assert.equal(listToLines(['10.0.0.0/8', 'fd00::/8']), '10.0.0.0/8\nfd00::/8');
    assert.equal(listToLines(undefined), '');
  });

  test('parseExtensionsAcceptsDotsStarsAndAnyCase', () => {
    assert.deepEqual(parseExtensions('exe, .BAT  *.ps1;exe,,'), ['exe', 'bat', 'ps1']);
    assert.equal(formatExtensions(['bat', 'exe']), 'bat, exe');
  });
});

describe('parseWholeNumber', () => {
  test('acceptsWholeNumbersWithinTheLimits', () => {
    assert.deepEqual(parseWholeNumber(' 60 ', { min: 1, max: 100_000 }), { value: 60 });
  });

  test('namesTheLimitsWhenOutside', () => {
    assert.equal(parseWholeNumber('0', { min: 1, max: 36_500 }).error, 'Enter a number from 1 to 36500.');
    assert.equal(parseWholeNumber('2.5', { min: 1, max: 9 }).error, 'Enter a whole number.');
    assert.equal(parseWholeNumber('', { min: 1 }).error, 'Enter a whole number.');
    assert.equal(parseWholeNumber('-1', { min: 0 }).error, 'Enter 0 or more.');
  });
});
