import { CatHarvestError } from "@cat-harvest/errors";
import { excerpt } from "./excerpt.js";

/** The base of every error this package throws. */
export class HarvestError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/harvest.HarvestError");
  override name: string = "HarvestError";
}

export interface HarvestUsageErrorOptions extends ErrorOptions {
  /** The value that was refused. */
  readonly value?: unknown;
}

/**
 * An option with a value that cannot work. `option` names the option as the API spells it
 * (`perBreed`, `cap`...), so a command can map it to its own flag.
 */
export class HarvestUsageError extends HarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/harvest.HarvestUsageError");
  override name = "HarvestUsageError" as const;
  readonly option: string;
  /** The refused value, when there was one. */
  readonly value: unknown;
  constructor(option: string, message: string, options?: HarvestUsageErrorOptions) {
    super(message, options);
    this.option = option;
    this.value = options?.value;
  }
}

/** Missing or refused credentials of the source API. */
export class HarvestCredentialsError extends HarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/harvest.HarvestCredentialsError");
  override name = "HarvestCredentialsError" as const;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * Breed names the API does not know. `unknown` lists them; `suggestions` holds the closest
 * known names of each (`closest` is the same for the first unknown name, `breed`).
 */
export class HarvestUnknownBreedError extends HarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/harvest.HarvestUnknownBreedError");
  override name = "HarvestUnknownBreedError" as const;
  /** The animal type whose breeds were searched. */
  readonly type: string;
  readonly unknown: readonly string[];
  readonly suggestions: Readonly<Record<string, readonly string[]>>;
  /** The first unknown name. */
  readonly breed: string;
  /** The closest known names of `breed`. */
  readonly closest: readonly string[];
  constructor(type: string, unknown: readonly string[], suggestions: Record<string, readonly string[]>) {
    const parts = unknown.map((name) => {
      const close = suggestions[name] ?? [];
      return close.length > 0 ? `"${name}" (did you mean ${close.map((c) => `"${c}"`).join(", ")}?)` : `"${name}"`;
    });
    super(`Unknown ${type} breed${unknown.length > 1 ? "s" : ""}: ${parts.join("; ")}. ` + `Pass breeds by the names the client's breeds("${type}") lists.`);
    this.type = type;
    this.unknown = unknown;
    this.suggestions = suggestions;
    this.breed = unknown[0] ?? "";
    this.closest = suggestions[this.breed] ?? [];
  }
}

/** A URL list with a line that cannot be read. */
export class HarvestInputError extends HarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/harvest.HarvestInputError");
  override name: string = "HarvestInputError";
  readonly file: string;
  /** 1-based line number, or 0 when the problem is the file as a whole. */
  readonly line: number;
  constructor(file: string, line: number, problem: string, options?: ErrorOptions) {
    super(`${file}${line > 0 ? `:${line}` : ""}: ${problem}`, options);
    this.file = file;
    this.line = line;
  }
}

/** Why a line of a URL list was too long to use: the whole line, or its URL. */
export type LineTooLongReason = "line-too-long" | "url-too-long";

/**
 * A URL list line longer than `limit` characters (`reason: "line-too-long"`), or a URL longer
 * than its limit (`"url-too-long"`). Only `excerpt`, its start, is kept.
 */
export class HarvestLineTooLongError extends HarvestInputError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/harvest.HarvestLineTooLongError");
  override name = "HarvestLineTooLongError" as const;
  readonly reason: LineTooLongReason;
  /** The line's (or the URL's) length in characters. */
  readonly length: number;
  readonly limit: number;
  /** Its start, without credentials (see `excerpt`). */
  readonly excerpt: string;
  /** The line's label, when it was read. */
  readonly label: string | undefined;
  constructor(file: string, line: number, reason: LineTooLongReason, init: { length: number; limit: number; excerpt: string; label?: string | undefined }) {
    const what = reason === "url-too-long" ? "the url" : "the line";
    super(file, line, `${what} is ${init.length} characters long, over the ${init.limit}-character limit; it starts ${JSON.stringify(init.excerpt)}`);
    this.reason = reason;
    this.length = init.length;
    this.limit = init.limit;
    this.excerpt = init.excerpt;
    this.label = init.label;
  }
}

/** Why a row of a URL list was passed over (see `HarvestBadRowError`). */
export type BadRowReason = "invalid-json" | "invalid-row" | "missing-url" | "invalid-url" | "invalid-label";

/**
 * A row of a URL list that cannot be used: unparseable JSON, fields that do not match the
 * header, no URL, a URL that is not http(s), a label that is not text. The list goes on past
 * it when the reader is given `onBadRow`. `excerpt` quotes its start without credentials.
 */
export class HarvestBadRowError extends HarvestInputError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/harvest.HarvestBadRowError");
  override name = "HarvestBadRowError" as const;
  readonly reason: BadRowReason;
  /** The row's start (its URL when it has one), without credentials (see `excerpt`). */
  readonly excerpt: string;
  /** The row's label, when it was read. */
  readonly label: string | undefined;
  constructor(file: string, line: number, reason: BadRowReason, problem: string, init: { excerpt: string; label?: string | undefined; cause?: unknown }) {
    super(file, line, problem, init.cause === undefined ? undefined : { cause: init.cause });
    this.reason = reason;
    this.excerpt = init.excerpt;
    this.label = init.label;
  }
}

/**
 * A URL list without the column an option names (`urlColumn`, or a `labelColumn` that was
 * asked for). `columns` lists the ones the file has, so the fix can be picked from them.
 */
export class HarvestColumnError extends HarvestInputError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/harvest.HarvestColumnError");
  override name = "HarvestColumnError" as const;
  /** The option naming the column: `urlColumn` or `labelColumn`. */
  readonly option: "urlColumn" | "labelColumn";
  /** The column asked for. */
  readonly column: string;
  /** The columns the file has, in its order. */
  readonly columns: readonly string[];
  /** `columns` as a message quotes them: each cut to 40 characters, at most 20 of them. */
  readonly columnsText: string;
  constructor(file: string, line: number, option: "urlColumn" | "labelColumn", column: string, columns: readonly string[]) {
    const shown = columns.slice(0, 20).map((c) => JSON.stringify(excerpt(c, 40)));
    const columnsText = columns.length === 0 ? "none" : `${shown.join(", ")}${columns.length > 20 ? ` and ${columns.length - 20} more` : ""}`;
    super(file, line, `no ${JSON.stringify(excerpt(column, 40))} column for ${option}; the columns are ${columnsText}: name one with ${option}`);
    this.option = option;
    this.column = column;
    this.columns = columns;
    this.columnsText = columnsText;
  }
}

/** A data set whose metadata files cannot be read (verify, resume). */
export class HarvestDatasetError extends HarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/harvest.HarvestDatasetError");
  override name = "HarvestDatasetError" as const;
  readonly key: string;
  constructor(key: string, problem: string, options?: ErrorOptions) {
    super(`Cannot read ${key} of the data set: ${problem}`, options);
    this.key = key;
  }
}

/**
 * A run whose plan differs from the one its destination was started with (another input, format
 * or shard size). `field` names what differs (`input`, `format`, `shardSize`...), `stored` and
 * `given` its two values.
 */
export class HarvestPlanMismatchError extends HarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/harvest.HarvestPlanMismatchError");
  override name = "HarvestPlanMismatchError" as const;
  readonly field: string;
  readonly stored: unknown;
  readonly given: unknown;
  constructor(location: string, field: string, stored: unknown, given: unknown) {
    super(
      `${location} holds a run planned with ${field} ${JSON.stringify(stored)}, but this run has ${field} ${JSON.stringify(given)}; ` +
        `run again with the same input, format and shard size to resume it, or write into a new destination`,
    );
    this.field = field;
    this.stored = stored;
    this.given = given;
  }
}
