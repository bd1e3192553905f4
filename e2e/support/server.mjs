// Starts the packed distribution exactly as an admin does (bin/lanvan in a copy of the unpacked
// archive) on free ports, bound to :: so that https://127.0.0.1:<port> and https://[::1]:<port>
// both reach it (two loopback "networks", so two rooms for the signaling capability).

import { spawn } from 'node:child_process';
import { chmod, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.mjs';

const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

/** The unpacked distribution: $LANVAN_DIST, else the one `mvn install` left in distribution/target. */
export async function distributionDir() {
  if (process.env.LANVAN_DIST) return path.resolve(process.env.LANVAN_DIST);
  const target = path.join(E2E_DIR, '..', 'distribution', 'target');
  const found = [];
  for (const outer of existsSync(target) ? await readdir(target, { withFileTypes: true }) : []) {
    if (!outer.isDirectory() || !outer.name.startsWith('lanvan-')) continue;
    const inner = path.join(target, outer.name, outer.name);
    if (existsSync(path.join(inner, 'bin', 'lanvan'))) found.push(inner);
  }
  if (found.length !== 1) {
    throw new Error(`expected one unpacked distribution under ${target}, found ${found.length}: `
      + 'build it with `mvn install -DskipTests` or set LANVAN_DIST');
  }
  return found[0];
}

/**
 * Refuses to run where the machine has interfaces other than loopback: WebRTC would use them.
 * The tests run inside support/loopback-netns.sh (npm test and the Maven build do that).
 */
export function assertLoopbackOnly() {
  const others = nonLoopbackInterfaces();
  if (others.length > 0) {
    throw new Error(`this process sees network interfaces besides loopback (${others.join(', ')}); `
      + 'run the tests through support/loopback-netns.sh (npm test does), so that WebRTC stays on 127.0.0.1 and ::1');
  }
}

/** Names of the network interfaces this process sees that have a non-loopback address. */
export function nonLoopbackInterfaces() {
  return Object.entries(os.networkInterfaces())
    .filter(([, addresses]) => addresses.some((a) => !a.internal))
    .map(([name]) => name);
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '::', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves the status and body of a GET (trusting only `ca`). */
function get(url, ca) {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { ca, timeout: 2000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { if (body.length < 2000) body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}

export class LanvanServer {
  #child;
  #exited;
  #work;
  #onProcessExit;
  #onSignal;

  constructor({ child, exited, work, home, httpsPort, ca, handleSignals }) {
    this.#child = child;
    this.#exited = exited;
    this.#work = work;
    this.home = home;
    this.httpsPort = httpsPort;
    this.ca = ca;
    // Last resorts if the test process ends without after(): never leave a JVM or a copy behind.
    this.#onProcessExit = () => { if (this.#child.exitCode === null) this.#child.kill('SIGKILL'); };
    this.#onSignal = (signal) => {
      if (this.#child.exitCode === null) this.#child.kill('SIGTERM');
      rmSync(this.#work, { recursive: true, force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.on('exit', this.#onProcessExit);
    if (handleSignals) {
      process.once('SIGINT', this.#onSignal);
      process.once('SIGTERM', this.#onSignal);
    }
  }

  /** https://127.0.0.1:<port> (family 4) or https://[::1]:<port> (family 6). */
  origin(family = 4) {
    return family === 6 ? `https://[::1]:${this.httpsPort}` : `https://127.0.0.1:${this.httpsPort}`;
  }

  /** The last lines of the server's console and log, for failure messages. */
  logTail(lines = 40) {
    const log = path.join(this.home, 'logs', 'lanvan.log');
    const file = existsSync(log) ? log : path.join(this.#work, 'console.log');
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  }

  /** SIGTERM, as an admin stops it; SIGKILL if it has not exited in 15 s. Resolves its exit code. */
  async stop({ keep = process.env.LANVAN_E2E_KEEP === '1' } = {}) {
    process.off('exit', this.#onProcessExit);
    process.off('SIGINT', this.#onSignal);
    process.off('SIGTERM', this.#onSignal);
    let code = this.#child.exitCode;
    if (code === null) {
      this.#child.kill('SIGTERM');
      const killer = setTimeout(() => this.#child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      code = await this.#exited;
      clearTimeout(killer);
    }
    if (keep) console.error(`kept the server's folder: ${this.#work}`);
    else await rm(this.#work, { recursive: true, force: true });
    return code;
  }
}

/**
 * Copies the distribution to a temporary folder, starts bin/lanvan and waits until /health/ready is 200.
 * handleSignals: on SIGINT/SIGTERM stop the server, remove the copy and exit (a caller with its own
 * clean-up, like the benchmark, passes false and calls stop() itself).
 */
export async function startServer({ dist, handleSignals = true } = {}) {
  dist ??= await distributionDir();
  const work = await mkdtemp(path.join(os.tmpdir(), 'lanvan-e2e-'));
  const home = path.join(work, 'lanvan');
  await cp(dist, home, { recursive: true });
  await chmod(path.join(home, 'bin', 'lanvan'), 0o755);
  const httpsPort = await freePort();
  let httpPort = await freePort();
  while (httpPort === httpsPort) httpPort = await freePort();

  const consoleFd = openSync(path.join(work, 'console.log'), 'a');
  const child = spawn(path.join(home, 'bin', 'lanvan'), [], {
    cwd: home,
    env: {
      ...process.env,
      LANVAN_HTTPS_PORT: String(httpsPort),
      LANVAN_HTTP_PORT: String(httpPort),
      LANVAN_BIND: '::',
      LANVAN_DATA: path.join(home, 'data'),
    },
    stdio: ['ignore', consoleFd, consoleFd],
  });
  closeSync(consoleFd);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const server = new LanvanServer({ child, exited, work, home, httpsPort, ca: null, handleSignals });

  try {
    const caFile = path.join(home, 'data', 'tls', 'ca.crt');
    await eventually(() => {
      if (child.exitCode !== null) throw new Error(`bin/lanvan exited with ${child.exitCode}`);
      return existsSync(caFile);
    }, { timeoutMs: READY_TIMEOUT_MS, what: 'the local CA (data/tls/ca.crt)' });
    server.ca = await readFile(caFile);
    // Both loopback families, to be sure LANVAN_BIND=:: took both (the room tests need [::1]).
    for (const family of [4, 6]) {
      await eventually(async () => {
        if (child.exitCode !== null) throw new Error(`bin/lanvan exited with ${child.exitCode}`);
        const { status, body } = await get(`${server.origin(family)}/health/ready`, server.ca);
        if (status !== 200) throw new Error(`${status} ${body}`);
        return true;
      }, { timeoutMs: READY_TIMEOUT_MS, intervalMs: 100, what: `200 from ${server.origin(family)}/health/ready` });
    }
  } catch (error) {
    const tail = readFileSync(path.join(work, 'console.log'), 'utf8').split('\n').slice(-30).join('\n');
    await server.stop();
    throw new Error(`${error.message}\n--- server console (tail) ---\n${tail}`, { cause: error });
  }
  return server;
}
