/**
 * Connection slots for the worker pool, `total` in all and `limit` per host, with a bounded
 * waiting area: a job that finds no free slot is parked so its worker can take the next
 * job instead of idling behind it (one slow host would otherwise hold every worker). At
 * most `maxParked` jobs wait, which bounds how far the pool reads ahead of its input.
 */
export class HostSlots<T> {
  readonly #limit: number;
  readonly #total: number;
  readonly #maxParked: number;
  readonly #active = new Map<string, number>();
  #activeCount = 0;
  readonly #parked = new Map<string, T[]>();
  #parkedCount = 0;
  #waiters: Array<() => void> = [];

  constructor(limit: number, total: number, maxParked: number) {
    this.#limit = limit;
    this.#total = total;
    this.#maxParked = maxParked;
  }

  /** Slots taken, over all hosts. */
  get activeCount(): number {
    return this.#activeCount;
  }

  get parkedCount(): number {
    return this.#parkedCount;
  }

  /** Whether another job may be parked. */
  get canPark(): boolean {
    return this.#parkedCount < this.#maxParked;
  }

  /** Takes a slot on `host` when one is free there and in all. */
  tryAcquire(host: string): boolean {
    if (!this.reserve()) return false;
    if (this.bindReserved(host)) return true;
    this.#activeCount--; // nobody waits on a slot that was never free
    return false;
  }

  /** Takes one slot of the total before a job is pulled, so no job is pulled that could not start. */
  reserve(): boolean {
    if (this.#activeCount >= this.#total) return false;
    this.#activeCount++;
    return true;
  }

  /** Gives back a reserved slot that got no job, or whose job needs none. */
  unreserve(): void {
    this.#activeCount--;
    this.notify();
  }

  /** Binds a reserved slot to `host`; `false` when the host is full (the reservation stays). */
  bindReserved(host: string): boolean {
    const active = this.#active.get(host) ?? 0;
    if (active >= this.#limit) return false;
    this.#active.set(host, active + 1);
    return true;
  }

  /** Gives a slot back and wakes the workers waiting for one. */
  release(host: string): void {
    const active = this.#active.get(host);
    if (active === undefined) return;
    if (active <= 1) this.#active.delete(host);
    else this.#active.set(host, active - 1);
    this.#activeCount--;
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
    if (this.#activeCount >= this.#total) return undefined;
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
