/**
 * A first-come, first-served lock: one archive has one writer at a time. Waiters hold
 * nothing but a callback, so any number of producers can wait at a fixed memory cost.
 */
export class WriteLane {
  #busy = false;
  readonly #waiting: Array<{ grant: () => void }> = [];

  /** Resolves with a release function when it is the caller's turn; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next.grant();
      else this.#busy = false;
    };
    if (!this.#busy) {
      this.#busy = true;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        const at = this.#waiting.indexOf(waiter);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** How many callers are waiting for their turn. */
  get waiting(): number {
    return this.#waiting.length;
  }
}
