// The admin console and the web client are separate bundles, so each serves its own copy of the
// modules both need (a page must keep working while the other bundle is stopped). This test keeps
// the copies identical; the web client's tests cover their behaviour.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

const admin = new URL('../../main/resources/static/', import.meta.url);
const webClient = new URL('../../../../web-client/src/main/resources/static/', import.meta.url);

for (const file of ['server/api.js', 'server/branding.js', 'ui/branding.js']) {
  test(`adminCopyOf ${file} matchesTheWebClient`, async () => {
    const [ours, theirs] = await Promise.all([readFile(new URL(file, admin), 'utf8'), readFile(new URL(file, webClient), 'utf8')]);
    assert.ok(ours === theirs, `${file} differs; copy web-client/src/main/resources/static/${file} over the admin console's`);
  });
}
