import { CatHarvestError } from "@cat-harvest/errors";

/** The base of every error this package throws. */
export class ReportError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/report.ReportError");
  override name: string = "ReportError";
}

/** The storage holds no data set to report on (no metadata.jsonl), or cannot be read. */
export class ReportDatasetError extends ReportError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/report.ReportDatasetError");
  override name = "ReportDatasetError" as const;
  /** The key that is missing or unreadable. */
  readonly key: string;
  constructor(key: string, problem: string, options?: ErrorOptions) {
    super(`Cannot report on the data set: ${key} ${problem}`, options);
    this.key = key;
  }
}
