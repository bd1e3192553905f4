// Polling with a deadline instead of sleeping: the house rule for waiting on something to happen.
// The one copy for every Node test (web client and admin console unit tests, e2e, bench), as
// fake-clock.mjs beside it is the one clock: the JavaScript side of platform/testing.

import { setTimeout as delay } from 'node:timers/promises';

/**
 * Calls probe() every intervalMs until it returns a truthy value (returned) or the deadline
 * passes; then throws with `what` and the last value or error the probe gave.
 */
export async function eventually(probe, { timeoutMs = 10_000, intervalMs = 50, what = 'the condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      // A probe that hangs (a page that never answers) must not outlive the deadline either.
      const value = await within(Promise.resolve().then(probe), Math.max(deadline - Date.now(), 1), `a probe of ${what}`);
      if (value) return value;
      last = value;
    } catch (error) {
      // Keep the more telling earlier failure when the last probe was only cut short by the deadline.
      if (!(error instanceof ProbeTimeout) || last === undefined) last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`${what} did not happen within ${timeoutMs} ms (last: ${detail})`);
    }
    await delay(intervalMs);
  }
}

class ProbeTimeout extends Error {}

/** Resolves like promise, or rejects with `what` if it has not settled within timeoutMs. */
export async function within(promise, timeoutMs, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
