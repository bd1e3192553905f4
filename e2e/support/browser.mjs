// Debian's Chromium driven by playwright-core (which never downloads a browser), and "devices":
// one BrowserContext each (own storage, so own device id and keys), one LANVan page each.

import { chromium } from 'playwright-core';
import { eventually, within } from './eventually.mjs';
import { pageHelpersScript } from './page-helpers.mjs';

const READY_TIMEOUT_MS = 15_000;

/** How every test browser starts: Debian's Chromium (or $CHROMIUM), headless, loopback WebRTC allowed. */
export const launchOptions = () => ({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
    // The server's certificate comes from its own fresh local CA; for the test browser only.
    '--ignore-certificate-errors',
    // Lets WebRTC use 127.0.0.1 (see openDeviceIn); the tests run where loopback is the only interface.
    '--allow-loopback-in-peer-connection',
  ],
});

export async function launchBrowser() {
  return chromium.launch(launchOptions());
}

/**
 * A browser with a profile of its own on disk, as one real device has (used by the transfer
 * benchmark, which handles SIGINT/SIGTERM itself: Playwright's own handlers would exit first).
 */
export async function launchPersistentBrowser(userDataDir) {
  return chromium.launchPersistentContext(userDataDir, { ...launchOptions(), handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
}

export class Device {
  #offersTaken = 0;

  /** log: console errors, page errors and failed requests, newest last, for failure messages. */
  constructor({ label, context, page, self, log }) {
    this.label = label;
    this.context = context;
    this.page = page;
    this.id = self.id;
    this.name = self.name;
    this.log = log;
  }

  evaluate(fn, arg) {
    return this.page.evaluate(fn, arg);
  }

  /** Reads this page's peerId again: it gets a new one each time it says hello (after a reconnection or a hot swap). */
  async refreshSelf() {
    this.id = await this.page.evaluate(() => window.lanvan.self.id);
    return this.id;
  }

  /** The peer ids this page's lanvan.peers lists right now. */
  peerIds() {
    return this.page.evaluate(() => window.lanvan.peers.map((p) => p.id));
  }

  /**
   * Offers pattern files to a peer: specs [{name, size, seed, path?}] (path: a relative path, sent
   * as {file, name}). Returns the key under which the page records the transfer.
   */
  async send(to, specs, options = {}, key = `out-${Math.random().toString(36).slice(2)}`) {
    await this.page.evaluate(({ to, specs, options, key }) => {
      const files = specs.map((s) => {
        const file = window.__e2e.makeFile(s.name, s.size, s.seed, s.type);
        return s.path ? { file, name: s.path } : file;
      });
      window.__e2e.record(key, window.lanvan.send(to, files, options));
    }, { to, specs, options, key });
    return key;
  }

  /** Waits for the next offer this device has not looked at yet; returns {key, from, files}. */
  async nextOffer(timeoutMs = 10_000) {
    const n = this.#offersTaken + 1;
    const offer = await eventually(
      () => this.page.evaluate((n) => {
        const offer = window.__e2e.incoming[n - 1];
        return offer ? { key: offer.key, from: { ...offer.from }, files: offer.files } : null;
      }, n),
      { timeoutMs, what: `offer #${n} reaching ${this.label}` },
    );
    this.#offersTaken = n;
    return offer;
  }

  /** Calls the offer's accept() (or decline()); what it returns is recorded, not awaited here. */
  accept(key) {
    return this.#answer(key, 'accept');
  }

  decline(key) {
    return this.#answer(key, 'decline');
  }

  #answer(key, verb) {
    return this.page.evaluate(({ key, verb }) => {
      const offer = window.__e2e.incoming.find((o) => o.key === key);
      offer.answered = Promise.resolve(offer.detail[verb]()).then(
        () => ({ ok: true }),
        (error) => window.__e2e.describeError(error),
      );
    }, { key, verb });
  }

  /** How a recorded transfer ended: {ok: true, result} or {ok: false, code, message, name}. */
  outcome(key, timeoutMs) {
    return within(
      this.page.evaluate((key) => window.__e2e.transfers.get(key).settled, key),
      timeoutMs,
      `transfer ${key} on ${this.label}`,
    ).catch(async (error) => {
      const info = await this.transferInfo(key).catch(() => null);
      error.message += `; there it was ${JSON.stringify(info)}`;
      throw error;
    });
  }

  /** State, route, the progress events seen (the last three) and their count. */
  transferInfo(key) {
    return this.page.evaluate((key) => {
      const { transfer, progress, states } = window.__e2e.transfers.get(key);
      const error = transfer.error && { code: transfer.error.code, message: transfer.error.message };
      return { state: transfer.state, states, route: transfer.route, error, progressEvents: progress.length, lastProgress: progress.slice(-3) };
    }, key);
  }

  progress(key) {
    return this.page.evaluate((key) => window.__e2e.transfers.get(key).progress, key);
  }

  /** Hashes (WebCrypto) each received file of a completed incoming transfer. */
  receivedFiles(key) {
    return this.page.evaluate((key) => window.__e2e.receivedFiles(key), key);
  }

  close() {
    return this.context.close();
  }
}

/**
 * Opens LANVan at `origin` in a fresh context and waits for lanvan.ready.
 * initScripts run before the page's own (e.g. to wrap RTCPeerConnection).
 */
export async function openDevice(browser, origin, options = {}) {
  return openDeviceIn(await browser.newContext(), origin, options);
}

/** The same in a context made elsewhere (the transfer benchmark gives each device a browser of its own). */
export async function openDeviceIn(context, origin, { label = 'device', initScripts = [] } = {}) {
  // Chromium gathers loopback ICE candidates only for an origin that may use camera or microphone
  // (and with --allow-loopback-in-peer-connection); on a real network it uses the interfaces'
  // addresses, hidden behind mDNS names. Nothing else in LANVan depends on these permissions.
  await context.grantPermissions(['camera', 'microphone'], { origin });
  await context.addInitScript(pageHelpersScript);
  for (const script of initScripts) await context.addInitScript(script);
  const page = await context.newPage();
  const log = [];
  // Branding is an optional plugin: its 404 is the normal answer without it.
  const expected = (url) => url.endsWith('/api/branding');
  page.on('console', (message) => {
    if ((message.type() === 'error' || message.type() === 'warning') && !expected(message.location().url ?? '')) {
      log.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => log.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !expected(response.url())) log.push(`HTTP ${response.status()} ${response.url()}`);
  });
  await page.goto(`${origin}/`);
  await eventually(() => page.evaluate(() => typeof window.lanvan === 'object' && window.lanvan !== null),
    { timeoutMs: READY_TIMEOUT_MS, what: `window.lanvan on ${label} (${origin})` })
    .catch((error) => { error.message += `\n${label} log:\n${log.join('\n')}`; throw error; });
  const self = await within(
    page.evaluate(async () => {
      await window.lanvan.ready;
      window.__e2e.listenForOffers();
      return { ...window.lanvan.self };
    }),
    READY_TIMEOUT_MS,
    `lanvan.ready on ${label} (${origin})`,
  );
  return new Device({ label, context, page, self, log });
}
