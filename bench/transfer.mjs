#!/usr/bin/env node
// Transfer benchmark: the packed distribution and two Chromium "devices" (a browser each), one
// generated file of BENCH_BYTES (default 1 GiB) from A to B over the direct path, then over the
// relay. Prints throughput, time to first byte and the receiving browser's memory. Not a test:
// it fails only if a transfer fails. See bench/README.md.
//
//   node bench/transfer.mjs                      (after: mvn install -DskipTests; cd e2e && npm ci)
//   BENCH_BYTES=67108864 node bench/transfer.mjs  (a quick 64 MiB run)

import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cleanups } from './lib/cleanups.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const e2e = path.join(here, '..', 'e2e', 'support');
const { nonLoopbackInterfaces, startServer } = await import(path.join(e2e, 'server.mjs'));

// Like the e2e tests, run where loopback is the only interface, so WebRTC stays on 127.0.0.1.
if (nonLoopbackInterfaces().length > 0) {
  // loopback-netns.sh execs through to the inner node, so the child is that process: pass signals on.
  const child = spawn('sh', [path.join(e2e, 'loopback-netns.sh'), process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  const [code, signal] = await new Promise((resolve) => child.once('exit', (...result) => resolve(result)));
  process.exit(code ?? (signal === 'SIGINT' ? 130 : 143));
}

const { launchOptions, launchPersistentBrowser, openDeviceIn } = await import(path.join(e2e, 'browser.mjs'));
const { eventually } = await import(path.join(e2e, 'eventually.mjs'));
const { patternRoot } = await import(path.join(e2e, 'pattern.mjs'));

const BYTES = Number(process.env.BENCH_BYTES ?? 1024 ** 3);
const ROUTES = (process.env.BENCH_ROUTES ?? 'direct,relay').split(',').map((r) => r.trim()).filter(Boolean);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 1800) * 1000;
const SEED = 42;
if (!Number.isSafeInteger(BYTES) || BYTES < 1) throw new Error(`BENCH_BYTES must be a positive integer, not ${process.env.BENCH_BYTES}`);

// What a run opened (browsers, their profiles), closed at its end; the server is stopped last.
const runCleanups = new Cleanups().runOnSignals();

// ---- memory of one browser, from /proc (Linux) and the DevTools protocol

async function processTable() {
  const table = new Map();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      const rss = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${entry}/status`, 'utf8'));
      table.set(Number(entry), { ppid, cmdline, rssBytes: rss ? Number(rss[1]) * 1024 : 0 });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

/** Proportional set size: shared pages (the Chromium binary every process maps) counted once across processes. */
async function pssBytes(pid) {
  try {
    const pss = /^Pss:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return pss ? Number(pss[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Of the browser started with this user data dir: the PSS of all its processes, and the RSS of its largest renderer (the page). */
async function browserMemory(userDataDir) {
  const table = await processTable();
  const root = [...table].find(([, p]) => p.cmdline.includes(`--user-data-dir=${userDataDir}`) && !p.cmdline.includes('--type='));
  if (!root) return null;
  const tree = new Set([root[0]]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of table) if (!tree.has(pid) && tree.has(p.ppid)) { tree.add(pid); grew = true; }
  }
  let total = 0;
  let renderer = 0;
  for (const pid of tree) {
    const p = table.get(pid);
    total += await pssBytes(pid);
    if (p.cmdline.includes('--type=renderer')) renderer = Math.max(renderer, p.rssBytes);
  }
  return { total, renderer };
}

function sampler(device, userDataDir) {
  const samples = { renderer: [], total: [], jsHeap: [] };
  let cdp;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      cdp ??= await device.context.newCDPSession(device.page).then(async (s) => { await s.send('Performance.enable'); return s; });
      const { metrics } = await cdp.send('Performance.getMetrics');
      samples.jsHeap.push(metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      const memory = await browserMemory(userDataDir);
      if (memory) { samples.renderer.push(memory.renderer); samples.total.push(memory.total); }
    } catch {
      // a sample lost at the end of a run
    } finally {
      busy = false;
    }
  }, 1000);
  return { samples, stop: () => clearInterval(timer) };
}

// ---- one run

async function openOwnBrowser(label, origin) {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), `lanvan-bench-${label}-`));
  const context = await launchPersistentBrowser(userDataDir);
  runCleanups.push(async () => { await context.close(); await rm(userDataDir, { recursive: true, force: true }); });
  await context.pages()[0]?.close();
  const device = await openDeviceIn(context, origin, { label });
  return { device, userDataDir };
}

async function run(server, route, expectedRoot) {
  const { device: a } = await openOwnBrowser('A', server.origin(4));
  const { device: b, userDataDir } = await openOwnBrowser('B', server.origin(4));
  await eventually(async () => (await a.peerIds()).includes(b.id), { timeoutMs: 10_000, what: 'A listing B' });

  await b.evaluate(() => {
    window.__firstByteAt = null;
    window.__e2e.onProgress = (key, detail) => {
      if (window.__firstByteAt === null && detail.bytes > 0) window.__firstByteAt = performance.now();
    };
  });
  const memory = sampler(b, userDataDir);
  try {
    const key = await a.send(b.id, [{ name: 'bench.bin', size: BYTES, seed: SEED }], { route });
    const offer = await b.nextOffer(30_000);
    const acceptedAt = await b.evaluate((key) => {
      const at = performance.now();
      window.__e2e.incoming.find((o) => o.key === key).detail.accept();
      return at;
    }, offer.key);
    const [sent, received] = await Promise.all([a.outcome(key, TIMEOUT_MS), b.outcome(offer.key, TIMEOUT_MS)]);
    const doneAt = await b.evaluate(() => performance.now());
    if (!sent.ok || !received.ok) {
      throw new Error(`${route}: ${sent.ok ? '' : `sender ${sent.code}: ${sent.message} `}${received.ok ? '' : `receiver ${received.code}: ${received.message}`}`);
    }
    const firstByteAt = await b.evaluate(() => window.__firstByteAt);
    const roots = [sent.result.files[0].root, received.result.files[0].root];
    return {
      route: received.result.route,
      asked: route,
      ms: received.result.ms,
      wallMs: doneAt - acceptedAt,
      ttfbMs: firstByteAt === null ? NaN : firstByteAt - acceptedAt,
      verified: roots.every((root) => root === expectedRoot),
      memory: memory.samples,
    };
  } finally {
    memory.stop();
    await runCleanups.run();
  }
}

// ---- report

const MB = 1e6;
const median = (values) => {
  const v = [...values].sort((x, y) => x - y);
  if (v.length === 0) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const mb = (bytes) => (Number.isFinite(bytes) ? (bytes / MB).toFixed(1) : '-');
const col = (value, width) => String(value).padStart(width);

const chromiumVersion = (() => {
  try { return execFileSync(launchOptions().executablePath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'unknown'; }
})();
console.log('LANVan transfer benchmark');
console.log(`  nproc:     ${execFileSync('nproc', { encoding: 'utf8' }).trim()}`);
console.log(`  chromium:  ${chromiumVersion}`);
console.log(`  size:      ${BYTES} bytes (${mb(BYTES)} MB), one generated file, A -> B`);
console.log(`  routes:    ${ROUTES.join(', ')}`);
console.log('  network:   a namespace with loopback only (e2e/support/loopback-netns.sh)');

const expectedRoot = patternRoot(SEED, BYTES);
const server = await startServer({ handleSignals: false });
const results = [];
try {
  for (const route of ROUTES) {
    if (runCleanups.interrupted) break;
    try {
      const result = await run(server, route, expectedRoot);
      results.push(result);
      console.log(`  ${route}: done by ${result.route} in ${(result.ms / 1000).toFixed(1)} s, piece root ${result.verified ? 'verified' : 'MISMATCH'}`);
    } catch (error) {
      process.exitCode ||= 1;
      console.log(`  ${route}: ${runCleanups.interrupted ? `interrupted (${runCleanups.interrupted})` : `FAILED: ${error.message}`}`);
    }
  }
} finally {
  await runCleanups.run();
  await server.stop();
}

if (results.length === 0) process.exit();
console.log();
console.log('route   by      MB/s  wall_MB/s  ttfb_ms  renderer_RSS_MB max/median  browser_PSS_MB max/median  js_heap_MB max/median  samples');
for (const r of results) {
  console.log([
    r.asked.padEnd(7),
    r.route.padEnd(6),
    col((BYTES / MB / (r.ms / 1000)).toFixed(1), 6),
    col((BYTES / MB / (r.wallMs / 1000)).toFixed(1), 10),
    col(Math.round(r.ttfbMs), 8),
    col(`${mb(Math.max(...r.memory.renderer))} / ${mb(median(r.memory.renderer))}`, 28),
    col(`${mb(Math.max(...r.memory.total))} / ${mb(median(r.memory.total))}`, 26),
    col(`${mb(Math.max(...r.memory.jsHeap))} / ${mb(median(r.memory.jsHeap))}`, 22),
    col(r.memory.jsHeap.length, 8),
  ].join(' '));
}
console.log();
console.log('MB = 10^6 bytes. MB/s: size / the ms that done reports; wall_MB/s: from accept() to done on the receiver.');
console.log('ttfb_ms: accept() to the first progress event with bytes > 0 on the receiver.');
console.log("Memory: the receiving browser sampled every second. renderer = its page's renderer process RSS;");
console.log('browser = PSS of all its processes (shared pages counted once; blobs live in the browser process);');
console.log('js_heap = JSHeapUsedSize of the page (CDP Performance.getMetrics).');
if (results.some((r) => !r.verified)) process.exitCode ||= 1;
