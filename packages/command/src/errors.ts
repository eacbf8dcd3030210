import { CatHarvestError } from "@cat-harvest/errors";
import type { LockRecord, StorageLockedError } from "@cat-harvest/storage";

/** The base of every error the command throws; its message speaks of flags, DEST and env variables. */
export class CommandError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/command.CommandError");
  override name: string = "CommandError";
}

/** A flag, a subcommand or a value that cannot work. Exit code 2, nothing done. */
export class CommandUsageError extends CommandError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/command.CommandUsageError");
  override name = "CommandUsageError" as const;
  /** The flag without its dashes (`per-breed`), or `command`, `arguments`, `dest`. */
  readonly option: string;
  constructor(option: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.option = option;
  }
}

/** A DEST that cannot be read as, or used for, a folder, a .tar/.tar.gz file or s3://bucket/prefix. */
export class CommandDestinationError extends CommandError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/command.CommandDestinationError");
  override name: string = "CommandDestinationError";
  readonly destination: string;
  constructor(destination: string, problem: string, options?: ErrorOptions) {
    super(`Cannot use ${JSON.stringify(destination)} as DEST: ${problem}`, options);
    this.destination = destination;
  }
}

/** A DEST another run is writing into: refused at once, naming that run. Exit code 1. */
export class CommandDestinationBusyError extends CommandDestinationError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/command.CommandDestinationBusyError");
  override name = "CommandDestinationBusyError" as const;
  /** The run holding DEST's lock, or `undefined` when its lock could not be read. */
  readonly holder: LockRecord | undefined;
  /** Where the lock is: `DEST/cat-harvest.lock`, `DEST.lock` beside an archive, or the S3 object. */
  readonly lockLocation: string;
  constructor(destination: string, locked: StorageLockedError, options?: ErrorOptions) {
    super(destination, `it is in use by ${locked.holderText}; wait for that run to finish, or remove ${locked.location} if it is gone`, options);
    this.holder = locked.holder;
    this.lockLocation = locked.location;
  }
}

/** Petfinder credentials that are missing or refused. */
export class CommandCredentialsError extends CommandError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/command.CommandCredentialsError");
  override name = "CommandCredentialsError" as const;
}

/** An optional package (`@cat-harvest/storage-s3`) that the run needs is not installed. */
export class CommandMissingPackageError extends CommandError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/command.CommandMissingPackageError");
  override name = "CommandMissingPackageError" as const;
  readonly packageName: string;
  constructor(packageName: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.packageName = packageName;
  }
}
