const MARKER = Symbol.for("@cat-harvest/harvest.error");

/** The base of every error this package throws. */
export class HarvestError extends Error {
  override name: string = "HarvestError";
  readonly [MARKER] = true;
  /** Tells a `HarvestError` apart even across two installed copies of this package. */
  static isInstance(error: unknown): error is HarvestError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** A command-line flag or option with a value that cannot work. Exit code 2. */
export class HarvestUsageError extends HarvestError {
  override name = "HarvestUsageError" as const;
  readonly option: string;
  constructor(option: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.option = option;
  }
}

/** A DEST that does not name a folder, a .tar/.tar.gz file or an s3://bucket/prefix. */
export class HarvestDestinationError extends HarvestError {
  override name = "HarvestDestinationError" as const;
  readonly destination: string;
  constructor(destination: string, problem: string, options?: ErrorOptions) {
    super(`Cannot use ${JSON.stringify(destination)} as DEST: ${problem}`, options);
    this.destination = destination;
  }
}

/** Missing or refused Petfinder credentials. */
export class HarvestCredentialsError extends HarvestError {
  override name = "HarvestCredentialsError" as const;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Breed names the API does not know; `suggestions` holds the closest known names per unknown name. */
export class HarvestUnknownBreedError extends HarvestError {
  override name = "HarvestUnknownBreedError" as const;
  readonly unknown: readonly string[];
  readonly suggestions: Readonly<Record<string, readonly string[]>>;
  constructor(type: string, unknown: readonly string[], suggestions: Record<string, readonly string[]>) {
    const parts = unknown.map((name) => {
      const close = suggestions[name] ?? [];
      return close.length > 0 ? `"${name}" (did you mean ${close.map((c) => `"${c}"`).join(", ")}?)` : `"${name}"`;
    });
    super(
      `Unknown ${type} breed${unknown.length > 1 ? "s" : ""}: ${parts.join("; ")}. ` +
        `Run \`cat-harvest breeds --type ${type}\` for the list.`,
    );
    this.unknown = unknown;
    this.suggestions = suggestions;
  }
}

/** A URL list (`download --input`) with a line that cannot be read. */
export class HarvestInputError extends HarvestError {
  override name = "HarvestInputError" as const;
  readonly file: string;
  /** 1-based line number, or 0 when the problem is the file as a whole. */
  readonly line: number;
  constructor(file: string, line: number, problem: string, options?: ErrorOptions) {
    super(`${file}${line > 0 ? `:${line}` : ""}: ${problem}`, options);
    this.file = file;
    this.line = line;
  }
}

/** A data set whose metadata files cannot be read (verify, resume). */
export class HarvestDatasetError extends HarvestError {
  override name = "HarvestDatasetError" as const;
  readonly key: string;
  constructor(key: string, problem: string, options?: ErrorOptions) {
    super(`Cannot read ${key} of the data set: ${problem}`, options);
    this.key = key;
  }
}
