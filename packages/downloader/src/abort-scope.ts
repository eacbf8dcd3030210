import { sleep } from "@cat-harvest/http";

/**
 * One abort listener on a run's signal fanned out to every job. Adding a listener per job
 * to one shared signal would trip Node's MaxListeners warning at concurrency above 10.
 */
export interface AbortScope {
  readonly signal: AbortSignal;
  /** Calls `listener` once when the signal aborts; returns a function that unsubscribes. */
  onAbort(listener: () => void): () => void;
}

export function createAbortScope(signal: AbortSignal): AbortScope {
  const listeners = new Set<() => void>();
  signal.addEventListener(
    "abort",
    () => {
      for (const listener of [...listeners]) listener();
      listeners.clear();
    },
    { once: true },
  );
  return {
    signal,
    onAbort(listener) {
      if (signal.aborted) {
        listener();
        return () => {};
      }
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/**
 * `sleep` from `@cat-harvest/http`, ended by the scope: the sleep listens on a signal of its
 * own, so the run's signal keeps its one listener however many jobs wait to retry.
 */
export async function sleepInScope(ms: number, scope: AbortScope): Promise<void> {
  const controller = new AbortController();
  const unsubscribe = scope.onAbort(() => controller.abort(scope.signal.reason));
  try {
    await sleep(ms, controller.signal);
  } finally {
    unsubscribe();
  }
}
