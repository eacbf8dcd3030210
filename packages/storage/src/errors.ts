import { CatHarvestError } from "@cat-harvest/errors";
import { describeLockHolder, type LockRecord } from "./lock-record.js";

/**
 * The base of every error this package and its adapters throw. Each class has its own
 * `isInstance`, which holds across two installed copies of this package.
 */
export class StorageError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage.StorageError");
  override name: string = "StorageError";
}

/** A key that is not a safe relative path. */
export class StorageKeyError extends StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage.StorageKeyError");
  override name = "StorageKeyError" as const;
  readonly key: string;
  constructor(key: string, problem: string, options?: ErrorOptions) {
    super(`Storage key ${JSON.stringify(key)} is refused: ${problem}. Keys are relative paths such as "Bengal/123-1.jpg".`, options);
    this.key = key;
  }
}

/** A `put` on a key that is stored already, on a medium that cannot replace objects. */
export class StorageKeyExistsError extends StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage.StorageKeyExistsError");
  override name = "StorageKeyExistsError" as const;
  readonly key: string;
  constructor(adapter: string, key: string, options?: ErrorOptions) {
    super(`${adapter} storage already holds ${JSON.stringify(key)} and cannot replace it`, options);
    this.key = key;
  }
}

/** An operation the medium does not support. */
export class StorageCapabilityError extends StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage.StorageCapabilityError");
  override name = "StorageCapabilityError" as const;
  readonly operation: string;
  constructor(adapter: string, operation: string, detail?: string, options?: ErrorOptions) {
    super(`${adapter} storage cannot ${operation}${detail ? `: ${detail}` : ""}`, options);
    this.operation = operation;
  }
}

/** `put` or `delete` on an adapter opened with `readOnly: true`; nothing was changed. */
export function readOnlyError(adapter: string, operation: string): StorageCapabilityError {
  return new StorageCapabilityError(adapter, operation, "it was opened read-only (readOnly: true), so nothing on the medium is changed");
}

/** A call after `close()`. */
export class StorageClosedError extends StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage.StorageClosedError");
  override name = "StorageClosedError" as const;
  constructor(adapter: string, operation: string) {
    super(`${adapter} storage is closed; ${operation} came after close()`);
  }
}

/** A required adapter option that was not given. */
export class StorageOptionError extends StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage.StorageOptionError");
  override name = "StorageOptionError" as const;
  readonly option: string;
  constructor(adapter: string, option: string, hint: string) {
    super(`${adapter} storage needs the option "${option}": ${hint}`);
    this.option = option;
  }
}

/** A data set's lock is held by another run that is alive (or not yet known to be dead). */
export class StorageLockedError extends StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage.StorageLockedError");
  override name = "StorageLockedError" as const;
  /** Where the lock is (a path, an s3:// URL). */
  readonly location: string;
  /** The run holding it, or `undefined` when the lock could not be read. */
  readonly holder: LockRecord | undefined;
  /** The holder in words: `pid 1234 on host-a since 2026-11-28T09:01:02Z (heartbeat 3 s ago)`. */
  readonly holderText: string;
  constructor(location: string, holder: LockRecord | undefined, now: number) {
    const holderText = holder ? describeLockHolder(holder, now) : "another run";
    super(`${location} is held by ${holderText}; wait for that run to finish, or remove ${location} if it is gone`);
    this.location = location;
    this.holder = holder;
    this.holderText = holderText;
  }
}

/** A held lock was taken over by another run (or removed): this run must stop writing. */
export class StorageLockLostError extends StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage.StorageLockLostError");
  override name = "StorageLockLostError" as const;
  readonly location: string;
  /** The run that holds it now, or `undefined` when the lock is gone or unreadable. */
  readonly holder: LockRecord | undefined;
  constructor(location: string, holder: LockRecord | undefined, now: number) {
    super(
      `${location} ${holder ? `was taken over by ${describeLockHolder(holder, now)}` : "was removed"} while this run held it ` +
        "(its heartbeat may have stalled for too long); this run stopped writing",
    );
    this.location = location;
    this.holder = holder;
  }
}
