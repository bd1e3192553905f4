import assert from 'node:assert/strict';
import { test } from 'node:test';

import { baseName, checkManifest, describeFiles, normalizeName } from '../../main/resources/static/transfer/manifest.js';

test('namesBecomeSafeRelativePaths', () => {
  assert.equal(normalizeName('photos/2024/a.jpg'), 'photos/2024/a.jpg');
  assert.equal(normalizeName('/etc/../passwd'), 'etc/passwd');
  assert.equal(normalizeName('C:\\Users\\ana\\a.txt'), 'C:/Users/ana/a.txt');
  assert.equal(normalizeName('./a//b/./c'), 'a/b/c');
  assert.equal(normalizeName('..'), 'file');
  assert.equal(normalizeName('bad\u0000name\n.txt'), 'badname.txt');
  assert.ok(normalizeName(`${'d/'.repeat(600)}x.txt`).length <= 1024);
  assert.equal(baseName('photos/a.jpg'), 'a.jpg');
});

test('anOfferedFileListIsCheckedFieldByField', () => {
  assert.equal(checkManifest([{ name: 'a', size: 1, type: '' }, { name: 'b/c', size: 2, type: 'x/y' }], 3), 3);
  const bad = [
    [[], undefined, /non-empty/],
    [[{ name: '../x', size: 1, type: '' }], 1, /files\[0\]\.name/],
    [[{ name: '/x', size: 1, type: '' }], 1, /files\[0\]\.name/],
    [[{ name: 'a//b', size: 1, type: '' }], 1, /files\[0\]\.name/],
    [[{ name: 'a', size: -1, type: '' }], -1, /files\[0\]\.size/],
    [[{ name: 'a', size: 1.5, type: '' }], 1.5, /files\[0\]\.size/],
    [[{ name: 'a', size: 1, type: 'x'.repeat(256) }], 1, /files\[0\]\.type/],
    [[{ name: 'a', size: 1, type: '' }], 2, /totalBytes/],
    [Array.from({ length: 10_001 }, () => ({ name: 'a', size: 0, type: '' })), 0, /10000/],
  ];
  for (const [files, total, message] of bad) assert.throws(() => checkManifest(files, total), message);
});

test('filesKeepTheirFolderPathWhenGivenOneOrPickedFromAFolder', () => {
  const picked = new File(['x'], 'a.jpg', { type: 'image/jpeg' });
  Object.defineProperty(picked, 'webkitRelativePath', { value: 'holiday/a.jpg' });
  const described = describeFiles([new File(['hello'], 'plain.txt', { type: 'text/plain' }), { file: new File(['y'], 'b.jpg'), name: 'holiday/raw/b.jpg' }, picked]);
  assert.deepEqual(described.map(({ name, size, type }) => [name, size, type]),
    [['plain.txt', 5, 'text/plain'], ['holiday/raw/b.jpg', 1, ''], ['holiday/a.jpg', 1, 'image/jpeg']]);
  assert.throws(() => describeFiles(['not a file']), TypeError);
});
