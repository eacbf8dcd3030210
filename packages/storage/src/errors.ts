import { CatHarvestError } from "@cat-harvest/errors";

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
