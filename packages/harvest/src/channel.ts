/**
 * A queue between producers and one consumer, read in order. Bounded (`capacity`), `push`
 * waits while the queue is full: the breed fetchers use that so they never run far ahead of
 * the stage draining their records, and the photo rows between the API phase and the
 * downloads, so memory never grows with the data set. Unbounded (the default), `push` never waits.
 */
export interface Channel<T> extends AsyncIterable<T> {
  /** Queues an item; does nothing once the channel is closed or failed, or its reader stopped. */
  push(item: T): Promise<void>;
  /** No more items; the iterator ends once the queue is drained. */
  close(): void;
  /** Ends the iterator with an error at its next read (items still queued are dropped). */
  fail(error: unknown): void;
  /** Items queued and not yet read. */
  readonly size: number;
}

/** Read items are compacted away once this many sit before the head (and they are at least half the array). */
const COMPACT_AFTER = 1024;

/**
 * @param capacity Items queued before `push` waits. @default Infinity
 * @example
 * const channel = createChannel<number>(2);
 * void (async () => { for (const n of [1, 2, 3]) await channel.push(n); channel.close(); })();
 * for await (const n of channel) console.log(n);
 */
export function createChannel<T>(capacity = Infinity): Channel<T> {
  if (!(capacity >= 1)) throw new TypeError(`createChannel: capacity must be >= 1, got ${String(capacity)}`);
  // A head index, not Array#shift: shift copies the whole array once it is large (V8 cannot
  // trim a large array in place), which would make draining a big queue quadratic.
  let queue: T[] = [];
  let head = 0;
  let closed = false;
  let failure: { error: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  const waitingProducers: Array<() => void> = [];

  const notifyConsumer = () => {
    const wake = wakeConsumer;
    wakeConsumer = undefined;
    wake?.();
  };
  const take = (): T => {
    const item = queue[head]!;
    queue[head] = undefined as T; // no reference kept to what was read
    head++;
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else if (head >= COMPACT_AFTER && head * 2 >= queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    return item;
  };

  return {
    get size() {
      return queue.length - head;
    },
    async push(item) {
      while (queue.length - head >= capacity && !closed && !failure) {
        await new Promise<void>((resolve) => waitingProducers.push(resolve));
      }
      if (closed || failure) return;
      queue.push(item);
      notifyConsumer();
    },
    close() {
      closed = true;
      notifyConsumer();
      for (const wake of waitingProducers.splice(0)) wake();
    },
    fail(error) {
      failure ??= { error };
      queue = [];
      head = 0;
      notifyConsumer();
      for (const wake of waitingProducers.splice(0)) wake();
    },
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (failure) throw failure.error;
          if (queue.length > head) {
            const item = take();
            waitingProducers.shift()?.();
            yield item;
            continue;
          }
          if (closed) return;
          await new Promise<void>((resolve) => (wakeConsumer = resolve));
        }
      } finally {
        // A consumer that stops early must not leave producers waiting forever.
        closed = true;
        queue = [];
        head = 0;
        for (const wake of waitingProducers.splice(0)) wake();
      }
    },
  };
}
