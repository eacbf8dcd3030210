import type { HostSlots } from "./host-slots.js";

/**
 * The job's share of the connection limits: held while a request is open, given back once
 * a body has been received whole (the storage commit needs no connection), taken again
 * before another attempt.
 */
export interface ConnectionSlot {
  release(): void;
  acquire(): Promise<void>;
}

/** A slot that is always held, for a job run outside a pool. */
export const ALWAYS_HELD: ConnectionSlot = { release() {}, acquire: () => Promise.resolve() };

/** The slot on `host` that a job starts out holding; taking it again waits for `slots` to free one, unless `signal` aborts. */
export function heldSlot<T>(slots: HostSlots<T>, host: string, signal: AbortSignal): ConnectionSlot {
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      slots.release(host);
    },
    async acquire() {
      while (!held) {
        signal.throwIfAborted();
        if (slots.tryAcquire(host)) held = true;
        else await slots.changed();
      }
    },
  };
}
