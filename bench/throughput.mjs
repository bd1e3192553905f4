#!/usr/bin/env node
// Throughput benchmark without a driver on the network path: in one invocation, side by side on
// loopback, (a) the raw WebRTC data channel ceiling and (b) a bare TLS WebSocket forwarder between
// two pages (the anchors), then (c) LANVan direct and (d) LANVan relay through the real
// distribution (bin/lanvan from the unpacked build). Plain Chromium processes, one per page; the
// anchor pages POST their figures to a local collector, the LANVan pages are driven through a raw
// DevTools socket that uses the Runtime domain only (never Network). See bench/README.md.
//
//   node bench/throughput.mjs                         (after: ./mvnw -pl distribution -am package)
//   BENCH_BYTES=67108864 node bench/throughput.mjs    (a quick 64 MiB run)

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cleanups } from './lib/cleanups.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const e2e = path.join(here, '..', 'e2e', 'support');
const { nonLoopbackInterfaces, startServer } = await import(path.join(e2e, 'server.mjs'));

// Run where loopback is the only interface, so WebRTC stays on 127.0.0.1; and with a WebSocket
// client in Node (built in from Node 22, behind a flag in Node 20) for the DevTools socket.
if (nonLoopbackInterfaces().length > 0 || typeof WebSocket === 'undefined') {
  const node = [process.execPath, ...(typeof WebSocket === 'undefined' ? ['--experimental-websocket', '--no-warnings'] : [])];
  const command = nonLoopbackInterfaces().length > 0 ? ['sh', path.join(e2e, 'loopback-netns.sh'), ...node] : node;
  const child = spawn(command[0], [...command.slice(1), fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  const [code, signal] = await new Promise((resolve) => child.once('exit', (...result) => resolve(result)));
  process.exit(code ?? (signal === 'SIGINT' ? 130 : 143));
}

const { pageHelpersScript } = await import(path.join(e2e, 'page-helpers.mjs'));
const { patternRoot } = await import(path.join(e2e, 'pattern.mjs'));
const { pages } = await import(path.join(here, 'throughput-pages.mjs'));

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const BYTES = env('BENCH_BYTES', 256 * 1024 ** 2);
const PATHS = (process.env.BENCH_PATHS ?? 'rtc,wss,direct,relay').split(',').map((p) => p.trim()).filter(Boolean);
const RUNS = env('BENCH_RUNS', 1);
const TIMEOUT_MS = env('BENCH_TIMEOUT_SECONDS', 600) * 1000;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RTC = { channels: env('BENCH_RTC_CHANNELS', 4), message: env('BENCH_RTC_MESSAGE', 256 * 1024), high: env('BENCH_RTC_HIGH', 1024 ** 2), low: env('BENCH_RTC_LOW', 256 * 1024) };
const WSS = { message: env('BENCH_WS_MESSAGE', 256 * 1024), high: env('BENCH_WS_HIGH', 4 * 1024 ** 2) };
const SEED = 42;
for (const [name, value] of Object.entries({ BENCH_BYTES: BYTES, BENCH_RUNS: RUNS, BENCH_TIMEOUT_SECONDS: TIMEOUT_MS })) {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
}
for (const p of PATHS) if (!['rtc', 'wss', 'direct', 'relay'].includes(p)) throw new Error(`unknown path in BENCH_PATHS: ${p}`);
if (RUNS > 5) throw new Error('BENCH_RUNS: at most 5');

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-default-browser-check',
  // The server's and the forwarder's certificates come from fresh local CAs; for these browsers only.
  '--ignore-certificate-errors',
  // WebRTC on 127.0.0.1 (the run is in a namespace with loopback only): loopback candidates allowed,
  // and shown as addresses rather than mDNS names (the e2e tests get the same by granting the
  // camera permission through Playwright).
  '--allow-loopback-in-peer-connection', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  // Pages in a background state are not throttled (headless pages are never visible).
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
];

// ---- clean-up of everything started, on any exit

const cleanups = new Cleanups().runOnSignals();

const deadline = (promise, ms, what) => {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms); })])
    .finally(() => clearTimeout(timer));
};
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
async function poll(fn, { timeoutMs, intervalMs = 100, what }) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs / 1000} s${last ? ` (${last.message})` : ''}`);
    await pause(intervalMs);
  }
}

// ---- /proc: memory of a browser's renderer, CPU of a process

async function processTable() {
  const table = new Map();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      const rss = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${entry}/status`, 'utf8'));
      table.set(Number(entry), { ppid: Number(fields[1]), cmdline, rssBytes: rss ? Number(rss[1]) * 1024 : 0 });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

/** RSS of the largest renderer process under the browser process `rootPid`. */
async function rendererRss(rootPid) {
  const table = await processTable();
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of table) if (!tree.has(pid) && tree.has(p.ppid)) { tree.add(pid); grew = true; }
  }
  let renderer = 0;
  for (const pid of tree) {
    const p = table.get(pid);
    if (p?.cmdline.includes('--type=renderer')) renderer = Math.max(renderer, p.rssBytes);
  }
  return renderer;
}

/** Samples a browser's renderer RSS every 500 ms: baseline (before), peak and last. */
async function memoryWatch(rootPid) {
  const baseline = await rendererRss(rootPid);
  let peak = baseline;
  let last = baseline;
  const timer = setInterval(async () => {
    const now = await rendererRss(rootPid).catch(() => 0);
    if (now > 0) { last = now; peak = Math.max(peak, now); }
  }, 500);
  return { stop: () => { clearInterval(timer); return { baseline, peak, last }; } };
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime + stime
}
function rssMB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

// ---- Chromium processes, and a Runtime-only DevTools connection

async function launchChromium(label, url, { devtools = false } = {}) {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), `lanvan-throughput-${label}-`));
  const args = [...CHROMIUM_FLAGS, `--user-data-dir=${userDataDir}`, ...(devtools ? ['--remote-debugging-port=0'] : []), url];
  const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    // The browser's helpers may still be writing into the profile for a moment after it exits.
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };
  cleanups.push(close);
  return { label, pid: child.pid, userDataDir, close, stderr: () => stderr };
}

/** A DevTools connection to the browser's page at `origin`, sending only Runtime.* commands. */
async function runtimeOf(browser, origin) {
  const portFile = path.join(browser.userDataDir, 'DevToolsActivePort');
  const port = await poll(() => existsSync(portFile) && readFileSync(portFile, 'utf8').split('\n')[0], { timeoutMs: 20_000, what: `DevTools port of ${browser.label}` });
  const target = await poll(async () => {
    const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    return list.find((t) => t.type === 'page' && t.url.startsWith(origin));
  }, { timeoutMs: 20_000, what: `the page of ${browser.label}` });
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = () => reject(new Error('DevTools socket failed')); });
  let nextId = 1;
  const waiting = new Map();
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    const entry = waiting.get(message.id);
    if (!entry) return; // no domain is enabled, so there are no events
    waiting.delete(message.id);
    if (message.error) entry.reject(new Error(message.error.message));
    else entry.resolve(message.result);
  };
  cleanups.push(async () => socket.close());
  /** Evaluates an expression (awaiting a promise) and returns its value as JSON. */
  const evaluate = async (expression, timeoutMs = 30_000) => {
    const id = nextId++;
    const answer = new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
    socket.send(JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true } }));
    const result = await deadline(answer, timeoutMs, `${browser.label}: ${expression.slice(0, 60)}`);
    if (result.exceptionDetails) throw new Error(`${browser.label}: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    return result.result.value;
  };
  return { evaluate };
}

// ---- the bench's local servers: a collector for the anchor pages, and a TLS WebSocket forwarder

function startCollector() {
  const results = new Map(); // `${run}/${role}` -> {resolve, promise}
  const signals = new Map(); // `${run}/${role}` -> [messages]
  const slot = (key) => {
    if (!results.has(key)) {
      let resolve;
      const promise = new Promise((r) => { resolve = r; });
      results.set(key, { resolve, promise });
    }
    return results.get(key);
  };
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    let body = '';
    for await (const chunk of request) body += chunk;
    const [, kind, run, role] = url.pathname.split('/');
    if (process.env.BENCH_DEBUG) console.error(`collector: ${request.method} ${url.pathname} ${body.slice(0, 3000)}`);
    if (pages[url.pathname]) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(pages[url.pathname]);
    } else if (kind === 'result' && request.method === 'POST') {
      slot(`${run}/${role}`).resolve(JSON.parse(body));
      response.end();
    } else if (kind === 'log' && request.method === 'POST') {
      response.end(); // a page's progress note: printed above with BENCH_DEBUG=1
    } else if (kind === 'signal' && request.method === 'POST') {
      const key = `${run}/${role}`;
      signals.set(key, [...(signals.get(key) ?? []), body]);
      response.end();
    } else if (kind === 'signal') {
      // A short long-poll: 204 after 2 s without a message, and the page asks again.
      const key = `${run}/${role}`;
      const end = Date.now() + 2000;
      while (!(signals.get(key)?.length) && Date.now() < end) await pause(20);
      const message = signals.get(key)?.shift();
      if (message === undefined) { response.writeHead(204); response.end(); } else { response.writeHead(200, { 'content-type': 'application/json' }); response.end(message); }
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    cleanups.push(() => new Promise((r) => { server.closeAllConnections(); server.close(r); }));
    resolve({ origin: `http://127.0.0.1:${server.address().port}`, result: (run, role) => slot(`${run}/${role}`).promise });
  }));
}

/**
 * Passes WebSocket frames from one socket of a run to the other (pairs by ?run=, roles send/recv).
 * A streaming parser: it unmasks each client frame's payload as it arrives and writes it unmasked
 * to the peer (RFC 6455 servers do not mask), without collecting whole messages.
 */
async function startForwarder(dir) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  const server = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) });
  const waiting = new Map(); // run -> {role, socket}
  const { createHash } = await import('node:crypto');
  const frameHeader = (fin, opcode, length) => {
    const first = (fin ? 0x80 : 0) | opcode;
    if (length < 126) return Buffer.from([first, length]);
    if (length < 65536) { const h = Buffer.alloc(4); h[0] = first; h[1] = 126; h.writeUInt16BE(length, 2); return h; }
    const h = Buffer.alloc(10); h[0] = first; h[1] = 127; h.writeBigUInt64BE(BigInt(length), 2); return h;
  };
  const pipeFrames = (from, to) => {
    let pending = Buffer.alloc(0);
    let left = 0; // payload bytes of the current frame still to come
    let mask = null;
    let maskOffset = 0;
    from.on('data', (chunk) => {
      let data = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      pending = Buffer.alloc(0);
      while (data.length > 0) {
        if (left === 0) {
          if (data.length < 2) { pending = data; return; }
          const fin = (data[0] & 0x80) !== 0;
          const opcode = data[0] & 0x0f;
          const masked = (data[1] & 0x80) !== 0;
          let length = data[1] & 0x7f;
          let at = 2;
          if (length === 126) { if (data.length < 4) { pending = data; return; } length = data.readUInt16BE(2); at = 4; }
          else if (length === 127) { if (data.length < 10) { pending = data; return; } length = Number(data.readBigUInt64BE(2)); at = 10; }
          if (data.length < at + (masked ? 4 : 0)) { pending = data; return; }
          mask = masked ? data.subarray(at, at + 4) : null;
          if (masked) { mask = Buffer.from(mask); at += 4; }
          maskOffset = 0;
          data = data.subarray(at);
          if (opcode === 0x8) { to.end(Buffer.concat([frameHeader(true, 0x8, 0)])); from.end(); return; }
          to.write(frameHeader(fin, opcode, length));
          left = length;
          if (length === 0) continue;
        }
        const n = Math.min(left, data.length);
        const payload = Buffer.from(data.subarray(0, n)); // a copy: unmasked in place
        if (mask) for (let i = 0; i < n; i++) payload[i] ^= mask[(maskOffset + i) & 3];
        maskOffset += n;
        to.write(payload);
        left -= n;
        data = data.subarray(n);
      }
    });
    from.on('error', () => to.destroy());
    from.on('close', () => to.destroy());
  };
  server.on('upgrade', (request, socket) => {
    const url = new URL(request.url, 'https://127.0.0.1');
    const accept = createHash('sha1').update(`${request.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.setNoDelay(true);
    const run = url.searchParams.get('run');
    const role = url.searchParams.get('role');
    const other = waiting.get(run);
    if (!other) { waiting.set(run, { role, socket }); return; }
    waiting.delete(run);
    const [send, recv] = role === 'send' ? [socket, other.socket] : [other.socket, socket];
    pipeFrames(send, recv);
    pipeFrames(recv, send);
    send.write(Buffer.concat([frameHeader(true, 0x1, 2), Buffer.from('go')]));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    cleanups.push(() => new Promise((r) => { server.closeAllConnections(); server.close(r); }));
    resolve({ port: server.address().port });
  }));
}

// ---- the four paths

let runCounter = 0;

/** An anchor: two Chromium processes with one page each, the receiver's figures POSTed to the collector. */
async function anchor(kind, collector, query) {
  const run = `${kind}-${++runCounter}`;
  const url = (role) => `${collector.origin}/${kind}.html?${new URLSearchParams({ run, role, bytes: String(BYTES), ...query })}`;
  const receiver = await launchChromium(`${kind}-recv`, url('recv'));
  const watch = await poll(() => rendererRss(receiver.pid).then((rss) => rss > 0 && memoryWatch(receiver.pid)), { timeoutMs: 20_000, what: 'the receiving renderer' });
  const sender = await launchChromium(`${kind}-send`, url('send'));
  try {
    const started = Date.now();
    const [received, sent] = await deadline(Promise.all([collector.result(run, 'recv'), collector.result(run, 'send')]), TIMEOUT_MS, `${kind} transfer`);
    const memory = watch.stop();
    if (!received.ok || !sent.ok) throw new Error(`${kind}: ${received.message ?? ''} ${sent.message ?? ''}`);
    return { ms: received.ms, wallMs: Date.now() - started, memory, note: received.cipher ? `DTLS ${received.cipher}` : `${received.messages} messages` };
  } catch (error) {
    watch.stop();
    error.message += `\n${kind} receiver's stderr (tail): ${receiver.stderr().slice(-1500)}`;
    throw error;
  } finally {
    for (const browser of [sender, receiver]) await browser.close().catch((error) => console.error(`closing ${browser.label}: ${error.message}`));
  }
}

/** LANVan between two Chromium processes (one device each), through window.lanvan. */
async function lanvan(route, server, expectedRoot) {
  const origin = server.origin(4);
  const devices = [];
  for (const label of ['A', 'B']) {
    const browser = await launchChromium(`lanvan-${route}-${label}`, `${origin}/`, { devtools: true });
    const runtime = await runtimeOf(browser, origin);
    await poll(() => runtime.evaluate('typeof window.lanvan === "object" && window.lanvan !== null'), { timeoutMs: 30_000, what: `window.lanvan on ${label}` });
    await runtime.evaluate(`window.__e2e ? null : ${pageHelpersScript}`);
    const self = await runtime.evaluate('window.lanvan.ready.then(() => ({ ...window.lanvan.self }))');
    devices.push({ browser, runtime, self });
  }
  const [a, b] = devices;
  try {
    await poll(() => a.runtime.evaluate(`window.lanvan.peers.some((p) => p.id === ${JSON.stringify(b.self.id)})`), { timeoutMs: 20_000, what: 'A listing B' });
    // B accepts every offer at once and notes when.
    await b.runtime.evaluate(`window.lanvan.addEventListener('incoming', (event) => {
      window.__bench = { key: 'in-bench', acceptedAt: performance.now() };
      window.__e2e.record('in-bench', event.detail.transfer);
      event.detail.accept();
    }), true`);
    await a.runtime.evaluate(`window.__e2e.record('out-bench', window.lanvan.send(${JSON.stringify(b.self.id)},
      [window.__e2e.makeFile('bench.bin', ${BYTES}, ${SEED})], { route: ${JSON.stringify(route)} })), true`, 120_000);
    await poll(() => b.runtime.evaluate('Boolean(window.__bench)'), { timeoutMs: 60_000, what: 'the offer reaching B' });
    const jvm = server.pid;
    const cpuBefore = cpuSeconds(jvm);
    const wallBefore = process.hrtime.bigint();
    const watch = await memoryWatch(b.browser.pid);
    const settled = (device, key) => device.runtime.evaluate(`window.__e2e.transfers.get('${key}').settled`, TIMEOUT_MS);
    const [sent, received] = await Promise.all([settled(a, 'out-bench'), settled(b, 'in-bench')]);
    const wallMs = Number(process.hrtime.bigint() - wallBefore) / 1e6;
    const serverCpu = (cpuSeconds(jvm) - cpuBefore) / (wallMs / 1000);
    const memory = watch.stop();
    if (!sent.ok || !received.ok) throw new Error(`${route}: ${sent.ok ? '' : `sender ${sent.code}: ${sent.message} `}${received.ok ? '' : `receiver ${received.code}: ${received.message}`}`);
    const roots = [sent.result.files[0].root, received.result.files[0].root];
    return {
      ms: received.result.ms,
      wallMs,
      memory,
      serverCpu,
      serverCpuMsPerMB: (cpuSeconds(jvm) - cpuBefore) * 1000 / (BYTES / 1e6),
      serverRssMB: rssMB(jvm),
      by: received.result.route,
      verified: roots.every((root) => root === expectedRoot),
      note: `by ${received.result.route}, piece root ${roots.every((root) => root === expectedRoot) ? 'verified' : 'MISMATCH'}`,
    };
  } finally {
    for (const d of devices) await d.browser.close().catch((error) => console.error(`closing ${d.browser.label}: ${error.message}`));
  }
}

// ---- report

const MB = 1e6;
const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const chromiumVersion = (() => {
  try { return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'unknown'; }
})();
const cores = execFileSync('nproc', { encoding: 'utf8' }).trim();
console.log('LANVan throughput benchmark (no automation driver on the network path)');
console.log(`  cores:     ${cores} (nproc); load average at start ${loadavg()} (1/5/15 min)`);
console.log(`  chromium:  ${chromiumVersion}, one process per page`);
console.log(`  size:      ${BYTES} bytes (${fmt(BYTES / MB)} MB) per transfer; paths ${PATHS.join(', ')}; ${RUNS} run(s) each`);
console.log(`  raw data channel: ${RTC.channels} channels, ${RTC.message} B messages, watermarks ${RTC.high} / ${RTC.low} B`);
console.log(`  TLS forwarder:    ${WSS.message} B frames, sender keeps bufferedAmount < ${WSS.high} B`);
console.log(`  server JVM: ${process.env.LANVAN_JAVA_OPTS ? `LANVAN_JAVA_OPTS='${process.env.LANVAN_JAVA_OPTS}'` : "bin/lanvan's default options"}`);
console.log('  network:   127.0.0.1 in a namespace with loopback only');

const results = []; // {path, run, ...}
const scratch = await mkdtemp(path.join(os.tmpdir(), 'lanvan-throughput-'));
cleanups.push(() => rm(scratch, { recursive: true, force: true }));
let server = null;
try {
  const collector = await startCollector();
  const forwarder = PATHS.includes('wss') ? await startForwarder(scratch) : null;
  const needsServer = PATHS.includes('direct') || PATHS.includes('relay');
  const expectedRoot = needsServer ? patternRoot(SEED, BYTES) : null;
  if (needsServer) {
    server = await startServer({ handleSignals: false }).catch((error) => {
      process.exitCode = 1;
      console.log(`  server:    FAILED to start, so no LANVan path runs: ${error.message.split('\n')[0]}`);
      return null;
    });
  }
  if (server) {
    const table = await processTable();
    server.pid = [...table].find(([, p]) => p.cmdline.includes(`-Dlanvan.home=${server.home}`))?.[0];
    if (!server.pid) throw new Error('the server JVM was not found in /proc');
    server.startRssMB = rssMB(server.pid);
    console.log(`  server:    pid ${server.pid}, RSS ${fmt(server.startRssMB, 0)} MB when ready`);
  }
  console.log();
  for (let run = 1; run <= RUNS && !cleanups.interrupted; run++) {
    for (const p of PATHS) {
      if (cleanups.interrupted) break;
      if ((p === 'direct' || p === 'relay') && !server) continue;
      try {
        const result = p === 'rtc' ? await anchor('rtc', collector, Object.fromEntries(Object.entries(RTC).map(([k, v]) => [k, String(v)])))
          : p === 'wss' ? await anchor('wss', collector, { message: String(WSS.message), high: String(WSS.high), port: String(forwarder.port) })
            : await lanvan(p, server, expectedRoot);
        result.path = p;
        result.run = run;
        result.load = os.loadavg()[0];
        results.push(result);
        console.log(`  run ${run} ${p.padEnd(6)} ${fmt(BYTES / MB / (result.ms / 1000)).padStart(7)} MB/s  (${result.note})`);
        if (result.verified === false) process.exitCode ||= 1;
      } catch (error) {
        process.exitCode ||= 1;
        console.log(`  run ${run} ${p}: ${cleanups.interrupted ? `interrupted (${cleanups.interrupted})` : `FAILED: ${error.message}`}`);
      }
    }
  }
  if (server) server.endRssMB = rssMB(server.pid);
} finally {
  await cleanups.run();
  if (server) await server.stop();
}

if (results.length > 0) {
  const anchorOf = { direct: 'rtc', relay: 'wss' };
  const label = { rtc: 'raw data channel', wss: 'TLS WebSocket forwarder', direct: 'LANVan direct', relay: 'LANVan relay' };
  const mbps = (r) => BYTES / MB / (r.ms / 1000);
  console.log();
  console.log('run path                      MB/s  ratio to anchor  recv_renderer_MB base/peak/growth  server_CPU  server_CPU_ms/MB  server_RSS_MB  load1');
  for (const r of results) {
    const a = results.find((x) => x.run === r.run && x.path === anchorOf[r.path]);
    const ratio = anchorOf[r.path] ? (a ? `${fmt(mbps(r) / mbps(a), 2)} x ${anchorOf[r.path]}` : `(no ${anchorOf[r.path]})`) : 'anchor';
    const m = r.memory;
    console.log([
      String(r.run).padEnd(3),
      label[r.path].padEnd(24),
      fmt(mbps(r)).padStart(6),
      ratio.padStart(16),
      `${fmt(m.baseline / MB, 0)} / ${fmt(m.peak / MB, 0)} / +${fmt((m.peak - m.baseline) / MB, 0)}`.padStart(34),
      (r.serverCpu === undefined ? '-' : `${fmt(r.serverCpu * 100, 0)} %`).padStart(11),
      fmt(r.serverCpuMsPerMB, 2).padStart(17),
      fmt(r.serverRssMB, 0).padStart(14),
      fmt(r.load, 2).padStart(6),
    ].join(' '));
  }
  if (server) console.log(`\nserver RSS: ${fmt(server.startRssMB, 0)} MB when ready, ${fmt(server.endRssMB, 0)} MB after the runs`);
  console.log(`cores: ${cores}; load average at the end ${loadavg()}`);
  console.log('MB = 10^6 bytes. MB/s: size / the receiver\'s own time (anchors: first message to last byte;');
  console.log('LANVan: the ms its done reports). Ratios are to the anchor of the same run. recv_renderer: RSS of');
  console.log('the receiving page\'s renderer process before the transfer, its peak during it, and the difference.');
  console.log('server_CPU: CPU time of the server JVM during the transfer / wall time (100 % = one core);');
  console.log('server_CPU_ms/MB: that CPU time per MB moved (less sensitive to other load); server_RSS: after the transfer.');
}
