import { StorageLockedError } from "./errors.js";
import { encodeLockRecord, parseLockRecord, type LockRecord } from "./lock-record.js";
import { lockStaleness, type LockSelf } from "./lock-staleness.js";
import type { LockStore } from "./lock-store.js";
import { holdLock, type HeldLock } from "./hold-lock.js";

/** How often a held lock's heartbeat is refreshed by default (10 s). */
export const DEFAULT_HEARTBEAT_MS = 10_000;
/** A heartbeat older than this (60 s) marks a lock stale on any host. */
export const DEFAULT_STALE_AFTER_MS = 60_000;
/** How long a takeover waits before reading the lock back (500 ms). */
const SETTLE_MS = 500;
/** How long to wait before reading a torn lock (one being written) again, and how many times to read it. */
const TORN_RETRY_MS = 200;
const TORN_READS = 10;
const ATTEMPTS = 4;

export interface AcquireLockOptions extends LockSelf {
  /** This run's process id. */
  readonly pid: number;
  /** @default 10_000 */
  readonly heartbeatMs?: number;
  /** @default 60_000 */
  readonly staleAfterMs?: number;
  /** The clock, in ms since the epoch. @default Date.now */
  readonly now?: () => number;
}

type Found = { readonly kind: "none" } | { readonly kind: "record"; readonly record: LockRecord } | { readonly kind: "torn" };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The lock as it is now. A torn one (a run that has just created it and not yet written it, on a
 * busy machine) is read again for up to 2 s before it counts as torn for good (a run killed there).
 */
async function readLock(store: LockStore): Promise<Found> {
  for (let i = 0; ; i++) {
    const bytes = await store.read();
    if (bytes === null) return { kind: "none" };
    const record = parseLockRecord(bytes);
    if (record) return { kind: "record", record };
    if (i === TORN_READS - 1) return { kind: "torn" };
    await sleep(TORN_RETRY_MS);
  }
}

/** Whether the lock now holds `token` (a store without exclusive writes is checked this way). */
async function holds(store: LockStore, token: string): Promise<boolean> {
  const found = await readLock(store);
  return found.kind === "record" && found.record.token === token;
}

/**
 * Takes the lock of a data set for this run, or throws `StorageLockedError` naming the run that
 * holds it. A stale lock (its process gone or its machine restarted, on this host; its heartbeat
 * older than `staleAfterMs`, on any host) is taken over, and `tookOver` says whose it was and why.
 * While held, the heartbeat is refreshed every `heartbeatMs`; `release()` removes the lock only
 * if it still holds this run's token.
 *
 * @example
 * const lock = await acquireLock(createMemoryLock(), { pid: 1234, host: "host-a" });
 * try { ... } finally { await lock.release(); }
 */
export async function acquireLock(store: LockStore, options: AcquireLockOptions): Promise<HeldLock> {
  const now = options.now ?? Date.now;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  if (!(heartbeatMs > 0 && staleAfterMs > heartbeatMs))
    throw new TypeError(`acquireLock: staleAfterMs (${staleAfterMs}) must exceed heartbeatMs (${heartbeatMs}) > 0`);
  const started = new Date(now()).toISOString();
  const record: LockRecord = {
    token: crypto.randomUUID(),
    pid: options.pid,
    host: options.host,
    ...(options.bootId !== undefined ? { bootId: options.bootId } : {}),
    startedAt: started,
    heartbeatAt: started,
  };
  const hold = (tookOver?: HeldLock["tookOver"]) => holdLock(store, record, { heartbeatMs, now, ...(tookOver ? { tookOver } : {}) });
  let last: Found = { kind: "none" };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    last = await readLock(store);
    if (last.kind === "none") {
      if ((await store.create(encodeLockRecord(record))) && (await holds(store, record.token))) return hold();
      continue;
    }
    const holder = last.kind === "record" ? last.record : undefined;
    const reason = holder ? lockStaleness(holder, options, now(), staleAfterMs) : "it is unreadable (not a lock record)";
    if (reason === undefined) throw new StorageLockedError(store.location, holder!, now());
    await store.write(encodeLockRecord(record));
    // Another run taking the same stale lock at the same moment wrote after us, or we after it:
    // whoever reads its own token after the pause holds the lock.
    await sleep(SETTLE_MS);
    if (await holds(store, record.token)) return hold({ holder, reason });
  }
  last = await readLock(store);
  throw new StorageLockedError(store.location, last.kind === "record" ? last.record : undefined, now());
}
