import type { MetadataRow } from "@cat-harvest/harvest";

/** One breed folder as the report shows it. */
export interface BreedSheet {
  readonly breed: string;
  readonly folder: string;
  /** Its images, as breeds.csv says. */
  readonly images: number;
  /** The rows whose thumbnails are shown (a deterministic sample). */
  readonly samples: readonly MetadataRow[];
}

/** Failures of one reason. */
export interface FailureGroup {
  readonly reason: string;
  readonly count: number;
  /** A few of their URLs, without credentials. */
  readonly examples: readonly string[];
}

/** Everything the report and the card say, read in one pass over the data set. */
export interface ReportData {
  readonly files: number;
  readonly bytes: number;
  /** By images, most first. */
  readonly breeds: readonly BreedSheet[];
  /** Files per source (`""` for a URL list's photos), most first. */
  readonly sources: ReadonlyArray<{ readonly name: string; readonly files: number }>;
  /** By count, most first; duplicates are counted apart. */
  readonly failures: readonly FailureGroup[];
  readonly duplicates: number;
  /** Lines of metadata.jsonl or failures.jsonl that could not be read. */
  readonly unreadableLines: number;
  /** SOURCES.md, when the data set has one. */
  readonly sourcesText: string | undefined;
  /** The data set's layout: `files` or `webdataset`. */
  readonly layout: string;
}
