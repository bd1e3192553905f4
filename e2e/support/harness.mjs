// One server and one browser per test file: registers before()/after() that start and stop them,
// and opens devices that after() closes.

import { after, before } from 'node:test';
import { launchBrowser, openDevice } from './browser.mjs';
import { assertLoopbackOnly, startServer } from './server.mjs';

/**
 * @param {(lanvan) => Promise<void>} [setup] runs once the server and browser are up, before the
 *   first test, in the same before() hook, so that it runs only once both are up
 */
export function useLanvan(setup) {
  const lanvan = {
    server: null,
    browser: null,
    devices: [],
    /** Opens a device on https://127.0.0.1 (family 4, one network) or https://[::1] (family 6, another). */
    async open(label, { family = 4, initScripts = [] } = {}) {
      const device = await openDevice(lanvan.browser, lanvan.server.origin(family), { label, initScripts });
      lanvan.devices.push(device);
      return device;
    },
  };

  before(async () => {
    assertLoopbackOnly();
    lanvan.server = await startServer();
    lanvan.browser = await launchBrowser();
    await setup?.(lanvan);
  });

  after(async () => {
    for (const device of lanvan.devices) {
      if (device.log.length > 0) console.error(`--- ${device.label}'s console ---\n${device.log.slice(-30).join('\n')}`);
    }
    await lanvan.browser?.close().catch((error) => console.error(`closing the browser: ${error.message}`));
    const code = await lanvan.server?.stop();
    if (code !== undefined && code !== 0) console.error(`the server exited with ${code} after SIGTERM`);
  });

  return lanvan;
}
