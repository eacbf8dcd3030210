/**
 * A bounded queue between producers (breed fetchers) and one consumer (the pipeline):
 * `push` waits while the queue is full, so fetching never runs far ahead of downloading and
 * memory stays flat.
 */
export interface Channel<T> extends AsyncIterable<T> {
  push(item: T): Promise<void>;
  /** No more items; the iterator ends once the queue is drained. */
  close(): void;
  /** Ends the iterator with an error at its next read. */
  fail(error: unknown): void;
}

export function createChannel<T>(capacity: number): Channel<T> {
  const queue: T[] = [];
  let closed = false;
  let failure: { error: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  const waitingProducers: Array<() => void> = [];

  const notifyConsumer = () => {
    const wake = wakeConsumer;
    wakeConsumer = undefined;
    wake?.();
  };

  return {
    async push(item) {
      while (queue.length >= capacity && !closed && !failure) {
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
      notifyConsumer();
      for (const wake of waitingProducers.splice(0)) wake();
    },
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (failure) throw failure.error;
          if (queue.length > 0) {
            const item = queue.shift()!;
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
        for (const wake of waitingProducers.splice(0)) wake();
      }
    },
  };
}
