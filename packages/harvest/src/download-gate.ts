/**
 * Holds downloads to `limit` at once until `open()`: while records still arrive, downloads take
 * at most half of the slots, since the API is the rate-limited, quota-counted part and
 * downloads sharing the CPU would slow it. Downloads catch up at full concurrency after (or as
 * soon as the candidate queue is full: then the records wait for the downloads anyway).
 */
export interface DownloadGate {
  /** Waits for a slot (at once when open), then takes it. */
  take(): Promise<void>;
  /** A download ended: its slot is free. */
  release(): void;
  /** No more limit. */
  open(): void;
}

export function createDownloadGate(limit: number, signal: AbortSignal): DownloadGate {
  let opened = false;
  let taken = 0;
  let settled = 0;
  let waiting: (() => void) | undefined;
  const wake = () => {
    const resume = waiting;
    waiting = undefined;
    resume?.();
  };
  signal.addEventListener("abort", wake, { once: true });
  return {
    async take() {
      while (!opened && !signal.aborted && taken - settled >= limit) await new Promise<void>((resolve) => (waiting = resolve));
      taken++;
    },
    release() {
      settled++;
      wake();
    },
    open() {
      opened = true;
      wake();
    },
  };
}
