import { resolve } from "node:path";
import {
  acquireLock,
  DEFAULT_STALE_AFTER_MS,
  describeLockHolder,
  type HeldLock,
  lockStaleness,
  type LockStore,
  parseLockRecord,
  StorageLockedError,
} from "@cat-harvest/storage";
import { createFsLock } from "@cat-harvest/storage-fs";
import type { S3Storage } from "@cat-harvest/storage-s3";
import { createTarLock } from "@cat-harvest/storage-tar";
import type { CommandIO } from "./command-io.js";
import { CommandDestinationBusyError } from "./errors.js";
import type { OpenedDestination } from "./open-destination.js";
import { runtimeIdentity } from "./runtime-identity.js";

/**
 * Where DEST's lock is: `DEST/cat-harvest.lock` in a folder, the sidecar `DEST.lock` beside an
 * archive, the object `cat-harvest.lock` under an S3 prefix.
 */
export async function destinationLockStore(opened: OpenedDestination): Promise<LockStore> {
  const { destination } = opened;
  if (destination.kind === "fs") return createFsLock({ root: resolve(destination.path) });
  if (destination.kind === "tar") return createTarLock({ path: resolve(destination.path) });
  // Opening S3 storage writes nothing: it is the client, checked already.
  return ((await opened.openStorage()) as S3Storage).lock;
}

/** A lock on DEST held for one run, and the signal the run must stop on. */
export interface DestinationLock {
  /** Aborted on Ctrl-C (the app's signal) or when the lock was taken from this run. */
  readonly signal: AbortSignal;
  /** Whether the lock was a dead run's, taken over: that run may have left temporary files. */
  readonly tookOver: boolean;
  /** Throws `StorageLockLostError` when the lock was taken from this run. */
  throwIfLost(): void;
  release(): Promise<void>;
}

/**
 * Takes DEST's lock before anything is written, or throws `CommandDestinationBusyError` at once,
 * naming the run that holds it. Taking over a dead run's lock is said on stderr.
 */
export async function lockDestination(opened: OpenedDestination, dest: string, io: CommandIO): Promise<DestinationLock> {
  const store = await destinationLockStore(opened);
  let held: HeldLock;
  try {
    held = await acquireLock(store, await runtimeIdentity());
  } catch (error) {
    // No cause: the message says it all, and the command prints a cause's message after its own.
    if (StorageLockedError.isInstance(error)) throw new CommandDestinationBusyError(dest, error);
    throw error;
  }
  if (held.tookOver) {
    const { holder, reason } = held.tookOver;
    io.stderr(`Took over the lock ${held.location}${holder ? ` of pid ${holder.pid} on ${holder.host}` : ""}: ${reason}.`);
  }
  return {
    signal: AbortSignal.any([io.signal, held.lost]),
    tookOver: held.tookOver !== undefined,
    throwIfLost() {
      if (held.lost.aborted) throw held.lost.reason;
    },
    async release() {
      await held.release().catch((error: unknown) => {
        io.stderr(`warning: the lock ${held.location} could not be removed (${(error as Error).message}); the next run takes it over`);
      });
    },
  };
}

/**
 * The run writing into DEST now, in words (`pid 1234 on host-a since ... (heartbeat 3 s ago)`),
 * or `undefined` when none holds a live lock. Reads the lock only: `verify` takes none.
 */
export async function activeRunOf(opened: OpenedDestination): Promise<string | undefined> {
  const bytes = await (await destinationLockStore(opened)).read().catch(() => null);
  const holder = bytes ? parseLockRecord(bytes) : undefined;
  if (!holder) return undefined;
  const now = Date.now();
  return lockStaleness(holder, await runtimeIdentity(), now, DEFAULT_STALE_AFTER_MS) === undefined ? describeLockHolder(holder, now) : undefined;
}
