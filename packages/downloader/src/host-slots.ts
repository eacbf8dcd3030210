/**
 * Per-host slots for the worker pool, with a bounded waiting area: a job whose host is
 * full is parked so its worker can take the next job instead of idling behind it (one slow
 * host would otherwise hold every worker). At most `maxParked` jobs wait, which bounds how
 * far the pool reads ahead of its input.
 */
export class HostSlots<T> {
  readonly #limit: number;
  readonly #maxParked: number;
  readonly #active = new Map<string, number>();
  readonly #parked = new Map<string, T[]>();
  #parkedCount = 0;
  #waiters: Array<() => void> = [];

  constructor(limit: number, maxParked: number) {
    this.#limit = limit;
    this.#maxParked = maxParked;
  }

  get parkedCount(): number {
    return this.#parkedCount;
  }

  /** Whether another job may be parked. */
  get canPark(): boolean {
    return this.#parkedCount < this.#maxParked;
  }

  /** Takes a slot on `host` when one is free. */
  tryAcquire(host: string): boolean {
    const active = this.#active.get(host) ?? 0;
    if (active >= this.#limit) return false;
    this.#active.set(host, active + 1);
    return true;
  }

  /** Gives a slot back and wakes the workers waiting for one. */
  release(host: string): void {
    const active = (this.#active.get(host) ?? 1) - 1;
    if (active <= 0) this.#active.delete(host);
    else this.#active.set(host, active);
    this.notify();
  }

  park(host: string, item: T): void {
    const queue = this.#parked.get(host);
    if (queue) queue.push(item);
    else this.#parked.set(host, [item]);
    this.#parkedCount++;
  }

  /** The oldest parked item whose host has a free slot, with that slot taken. */
  takeReady(): { host: string; item: T } | undefined {
    for (const [host, queue] of this.#parked) {
      if (!this.tryAcquire(host)) continue;
      const item = queue.shift()!;
      if (queue.length === 0) this.#parked.delete(host);
      this.#parkedCount--;
      return { host, item };
    }
    return undefined;
  }

  /** Removes and returns every parked item (a stopped run reports them). */
  drain(): T[] {
    const items = [...this.#parked.values()].flat();
    this.#parked.clear();
    this.#parkedCount = 0;
    return items;
  }

  /** Resolves at the next `release` or `notify`. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
