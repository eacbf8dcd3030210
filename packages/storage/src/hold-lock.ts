import { StorageLockLostError } from "./errors.js";
import { encodeLockRecord, parseLockRecord, type LockRecord } from "./lock-record.js";
import type { LockStore } from "./lock-store.js";

/** A lock this run holds. */
export interface HeldLock {
  /** Where the lock is (`LockStore.location`). */
  readonly location: string;
  /** What the lock says about this run. */
  readonly record: LockRecord;
  /** The stale lock this run replaced (`holder` is undefined for an unreadable one), and why it was stale. */
  readonly tookOver?: { readonly holder: LockRecord | undefined; readonly reason: string };
  /**
   * Aborted, with `StorageLockLostError` as its reason, when a heartbeat finds that another run
   * has taken the lock (this run looked dead to it: no heartbeat for too long) or that it is gone.
   * Stop writing then.
   */
  readonly lost: AbortSignal;
  /** Stops the heartbeat and removes the lock if it still holds this run's token; resolves whether it did. */
  release(): Promise<boolean>;
}

interface HoldOptions {
  readonly heartbeatMs: number;
  readonly now: () => number;
  readonly tookOver?: HeldLock["tookOver"];
}

/** Keeps a just-acquired lock alive: a heartbeat every `heartbeatMs` until `release()`. */
export function holdLock(store: LockStore, record: LockRecord, options: HoldOptions): HeldLock {
  const lost = new AbortController();
  let current = record;
  let beating: Promise<void> = Promise.resolve();
  /** Reads the lock: ours, or (another run's record or nothing) lost. */
  const stillOurs = async (): Promise<boolean> => {
    const bytes = await store.read();
    const holder = bytes ? parseLockRecord(bytes) : undefined;
    if (holder?.token === record.token) return true;
    if (!lost.signal.aborted) lost.abort(new StorageLockLostError(store.location, holder, options.now()));
    return false;
  };
  const beat = async () => {
    if (lost.signal.aborted || !(await stillOurs())) return;
    current = { ...current, heartbeatAt: new Date(options.now()).toISOString() };
    await store.write(encodeLockRecord(current));
  };
  const timer = setInterval(() => {
    // A failed heartbeat (a network error) is tried again at the next one.
    beating = beating.then(beat).catch(() => {});
  }, options.heartbeatMs);
  let released: Promise<boolean> | undefined;
  return {
    location: store.location,
    record,
    ...(options.tookOver ? { tookOver: options.tookOver } : {}),
    lost: lost.signal,
    release() {
      released ??= (async () => {
        clearInterval(timer);
        await beating;
        if (lost.signal.aborted || !(await stillOurs())) return false;
        await store.remove();
        return true;
      })();
      return released;
    },
  };
}
