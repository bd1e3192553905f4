// What a benchmark started (browsers, servers, folders), closed newest first; and SIGINT/SIGTERM,
// which close it at once so that the run in progress fails fast, no other run starts, and nothing
// is left behind.

export class Cleanups {
  #steps = [];
  /** The signal that interrupted the benchmark, or null. */
  interrupted = null;

  /** @param {() => Promise<unknown>} step run by run(), after every step pushed later */
  push(step) {
    this.#steps.push(step);
  }

  async run() {
    while (this.#steps.length > 0) await this.#steps.pop()().catch((error) => console.error(`cleanup: ${error.message}`));
  }

  /** On SIGINT/SIGTERM: remember it, set the exit code, run the steps; exit anyway after 30 s. */
  runOnSignals() {
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, () => {
        this.interrupted = signal;
        process.exitCode = signal === 'SIGINT' ? 130 : 143;
        setTimeout(() => process.exit(), 30_000).unref();
        this.run();
      });
    }
    return this;
  }
}
