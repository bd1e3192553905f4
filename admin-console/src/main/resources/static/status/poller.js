// Runs a refresh task now and then every `intervalMs` after the previous run finished, never two
// at once, and not at all while paused (the page is hidden). Knows nothing of the DOM; the clock
// is injected for tests.

const systemClock = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id),
};

export class Poller {
  #task;
  #intervalMs;
  #clock;
  #timer = null;
  #running = false;
  #started = false;
  #paused = false;

  /** @param {{task: () => Promise<void>, intervalMs?: number}} options the task handles its own errors */
  constructor({ task, intervalMs = 5000, clock = systemClock }) {
    this.#task = task;
    this.#intervalMs = intervalMs;
    this.#clock = clock;
  }

  start() {
    this.#started = true;
    this.refreshNow();
  }

  stop() {
    this.#started = false;
    this.#cancel();
  }

  /** Pausing stops the schedule; resuming refreshes at once, since the data is likely stale. */
  setPaused(paused) {
    if (paused === this.#paused) return;
    this.#paused = paused;
    if (paused) this.#cancel();
    else this.refreshNow();
  }

  async refreshNow() {
    if (!this.#started || this.#paused || this.#running) return;
    this.#cancel();
    this.#running = true;
    try {
      await this.#task();
    } catch {
      // The task reports its own failures; the schedule carries on regardless.
    } finally {
      this.#running = false;
    }
    if (this.#started && !this.#paused) {
      this.#timer = this.#clock.setTimeout(() => this.refreshNow(), this.#intervalMs);
    }
  }

  #cancel() {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
