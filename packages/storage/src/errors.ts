const MARKER = Symbol.for("@cat-harvest/storage.error");

/** The base of every error this package and its adapters throw. */
export class StorageError extends Error {
  override name: string = "StorageError";
  readonly [MARKER] = true;
  /** Tells a `StorageError` apart even across two installed copies of this package. */
  static isInstance(error: unknown): error is StorageError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** A key that is not a safe relative path. */
export class StorageKeyError extends StorageError {
  override name = "StorageKeyError" as const;
  readonly key: string;
  constructor(key: string, problem: string, options?: ErrorOptions) {
    super(`Storage key ${JSON.stringify(key)} is refused: ${problem}. Keys are relative paths such as "Bengal/123-1.jpg".`, options);
    this.key = key;
  }
}

/** A `put` on a key that is stored already, on a medium that cannot replace objects. */
export class StorageKeyExistsError extends StorageError {
  override name = "StorageKeyExistsError" as const;
  readonly key: string;
  constructor(adapter: string, key: string, options?: ErrorOptions) {
    super(`${adapter} storage already holds ${JSON.stringify(key)} and cannot replace it`, options);
    this.key = key;
  }
}

/** An operation the medium does not support. */
export class StorageCapabilityError extends StorageError {
  override name = "StorageCapabilityError" as const;
  readonly operation: string;
  constructor(adapter: string, operation: string, detail?: string, options?: ErrorOptions) {
    super(`${adapter} storage cannot ${operation}${detail ? `: ${detail}` : ""}`, options);
    this.operation = operation;
  }
}

/** A call after `close()`. */
export class StorageClosedError extends StorageError {
  override name = "StorageClosedError" as const;
  constructor(adapter: string, operation: string) {
    super(`${adapter} storage is closed; ${operation} came after close()`);
  }
}

/** A required adapter option that was not given. */
export class StorageOptionError extends StorageError {
  override name = "StorageOptionError" as const;
  readonly option: string;
  constructor(adapter: string, option: string, hint: string) {
    super(`${adapter} storage needs the option "${option}": ${hint}`);
    this.option = option;
  }
}
