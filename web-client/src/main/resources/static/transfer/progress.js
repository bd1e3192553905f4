// Speed and time left for a progress bar: an exponentially weighted average of the rate, so the
// numbers neither jump with every chunk nor lag for long after a real change. Knows nothing of the
// DOM; time comes from the caller.

/** Below this many milliseconds between samples, a sample only updates the byte count. */
const MIN_SAMPLE_MS = 250;

export class ProgressMeter {
  #total;
  #halfLifeMs;
  #bytes = 0;
  #rate = null;
  #lastBytes = 0;
  #lastAt = null;

  /** @param {number} total bytes expected; halfLifeMs: after this long an old rate weighs half */
  constructor(total, { halfLifeMs = 2000 } = {}) {
    this.#total = total;
    this.#halfLifeMs = halfLifeMs;
  }

  /** Records that `bytes` (a running total) are done at time `nowMs`; returns the snapshot. */
  update(bytes, nowMs) {
    this.#bytes = Math.min(bytes, this.#total);
    if (this.#lastAt === null) {
      this.#lastAt = nowMs;
      this.#lastBytes = this.#bytes;
    } else if (nowMs - this.#lastAt >= MIN_SAMPLE_MS) {
      const elapsed = nowMs - this.#lastAt;
      const sample = ((this.#bytes - this.#lastBytes) * 1000) / elapsed;
      const weight = 1 - 2 ** (-elapsed / this.#halfLifeMs);
      this.#rate = this.#rate === null ? sample : this.#rate + weight * (sample - this.#rate);
      this.#lastAt = nowMs;
      this.#lastBytes = this.#bytes;
    }
    return this.snapshot();
  }

  /** @returns {{bytes: number, total: number, bytesPerSecond: number, etaSeconds: ?number}} */
  snapshot() {
    const bytesPerSecond = Math.round(this.#rate ?? 0);
    const remaining = this.#total - this.#bytes;
    let etaSeconds = null;
    if (remaining === 0) etaSeconds = 0;
    else if (bytesPerSecond > 0) etaSeconds = Math.ceil(remaining / bytesPerSecond);
    return { bytes: this.#bytes, total: this.#total, bytesPerSecond, etaSeconds };
  }
}
