import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  formatBytes, formatEta, formatSpeed, isTextMessage, percentOf, platformLabel, stateLabel, summarizeFiles,
} from '../../main/resources/static/ui/format.js';
import { formatCode } from '../../main/resources/static/ui/pairing.js';

test('sizesReadLikeAFileManagerShowsThem', () => {
  assert.deepEqual([0, 999, 1000, 1536, 52_428_800, 1_500_000_000].map(formatBytes), ['0 B', '999 B', '1 KB', '1.54 KB', '52.4 MB', '1.5 GB']);
  assert.equal(formatSpeed(12_300_000), '12.3 MB/s');
  assert.equal(formatSpeed(0), '');
});

test('timeLeftIsInSecondsMinutesOrHours', () => {
  assert.deepEqual([0.4, 8, 59, 61, 3599, 3900].map(formatEta), ['1 s left', '8 s left', '59 s left', '1 min left', '1 h left', '1 h 5 min left']);
  assert.equal(formatEta(null), '');
});

test('percentIsFlooredSoItReaches100OnlyAtTheEnd', () => {
  assert.equal(percentOf(999, 1000), 99);
  assert.equal(percentOf(1000, 1000), 100);
  assert.equal(percentOf(0, 0), 100);
});

test('aTransferIsSummedUpByItsFileOrFolder', () => {
  assert.equal(summarizeFiles([{ name: 'a.pdf' }]), 'a.pdf');
  assert.equal(summarizeFiles([{ name: 'photos/a.jpg' }, { name: 'photos/b/c.jpg' }]), 'photos (2 files)');
  assert.equal(summarizeFiles([{ name: 'a.jpg' }, { name: 'photos/b.jpg' }]), '2 files');
});

test('onlyASingleShortMessageTxtCountsAsATextMessage', () => {
  assert.equal(isTextMessage([{ name: 'message.txt', type: 'text/plain', size: 10 }]), true);
  assert.equal(isTextMessage([{ name: 'message.txt', type: 'text/plain', size: 1e6 }]), false);
  assert.equal(isTextMessage([{ name: 'notes.txt', type: 'text/plain', size: 10 }]), false);
});

test('statesAndPlatformsHaveWords', () => {
  assert.equal(stateLabel({ direction: 'receive', state: 'completed' }), 'Received and verified');
  assert.equal(stateLabel({ direction: 'send', state: 'offered' }), 'Waiting for them to accept');
  assert.equal(stateLabel({ direction: 'send', state: 'failed' }), 'Failed');
  assert.equal(platformLabel('ios'), 'iPhone or iPad');
  assert.equal(platformLabel('beos'), 'Device');
  assert.equal(formatCode('482913'), '482 913');
});
