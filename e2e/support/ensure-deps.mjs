// `npm ci` when node_modules does not hold exactly what package-lock.json locks (first run, or the
// lock changed), and nothing otherwise, so repeated builds need no registry. playwright-core has
// no install script and never downloads a browser; the tests use Debian's Chromium.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockHash = createHash('sha256').update(readFileSync(path.join(dir, 'package-lock.json'))).digest('hex');
const stamp = path.join(dir, 'node_modules', '.lanvan-lock-sha256');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockHash) {
  console.log('e2e: node_modules matches package-lock.json');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (result.status !== 0) {
    console.error(`e2e: npm ci failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(1);
  }
  writeFileSync(stamp, `${lockHash}\n`);
}
