// A manual clock for tests: time moves only when the test calls advance().

export class FakeClock {
  #now = 0;
  #timers = new Map();
  #nextId = 1;

  now = () => this.#now;

  setTimeout = (fn, ms) => {
    const id = this.#nextId++;
    this.#timers.set(id, { fn, at: this.#now + ms });
    return id;
  };

  clearTimeout = (id) => {
    this.#timers.delete(id);
  };

  get pendingTimers() {
    return this.#timers.size;
  }

  /** Moves time forward, running due timers in order (including ones they schedule). */
  advance(ms) {
    const end = this.#now + ms;
    for (;;) {
      const due = [...this.#timers].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      const [id, timer] = due;
      this.#timers.delete(id);
      this.#now = timer.at;
      timer.fn();
    }
    this.#now = end;
  }
}
