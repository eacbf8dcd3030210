import type { BreedCount } from "@cat-harvest/photos";
import { LOCK_KEY } from "@cat-harvest/storage";
import { SOURCES_FILE } from "./sources-file.js";

/** The data set's own files, at the root of every destination. */
export const METADATA_FILE = "metadata.jsonl";
export const FAILURES_FILE = "failures.jsonl";
export const BREEDS_FILE = "breeds.csv";
/** The data set's report and its card (`@cat-harvest/report`): top-level files, rebuilt at any time. */
export const REPORT_FILE = "report.html";
export const CARD_FILE = "README.md";
/** In the order they are written at close. */
export const DATASET_FILES = [METADATA_FILE, FAILURES_FILE, BREEDS_FILE] as const;
/**
 * The data set's internal state, a top-level file (ImageFolder-style loaders take folders as
 * classes and ignore top-level files): the journal of files stored since metadata.jsonl was
 * last written, and the stamp each file had when it was stored or last checked.
 */
export const STATE_FILE = "cat-harvest-state.jsonl";
/** Where the command keeps the fetched records inside a folder or S3 DEST (gzip JSON lines). */
export const RECORDS_CACHE_FILE = "cat-harvest-records.jsonl.gz";
/** Keys under this prefix belonged to cat-harvest itself in earlier versions (an S3 records cache), never to the data set. */
export const INTERNAL_PREFIX = ".cat-harvest";

// The lock of the run writing DEST (`@cat-harvest/storage`) is not a photo either, nor the
// shard engine's plan, summary, duplicate list and per-shard parts (shards/shard-names.ts).
const OWN_FILES = new Set<string>([
  ...DATASET_FILES,
  STATE_FILE,
  RECORDS_CACHE_FILE,
  SOURCES_FILE,
  REPORT_FILE,
  CARD_FILE,
  LOCK_KEY,
  "_plan.json",
  "_summary.json",
  "_duplicates.jsonl",
]);
const OWN_PREFIXES = ["_shards/", "_spool/"];
/** The sorted runs `compactMetadata` merges into metadata.jsonl (top-level, removed once merged). */
export const SORT_RUN_PREFIX = "cat-harvest-metadata-run-";
const SORT_RUN = /^cat-harvest-metadata-run-\d+\.jsonl$/;
/** Records caches of sources other than the first one each data set had (`cat-harvest-records-<source>.jsonl.gz`). */
const SOURCE_RECORDS_CACHE = /^cat-harvest-records-[\w.-]+\.jsonl\.gz$/;

/** Where the records cache of `source` is kept inside a folder or S3 DEST, beside `RECORDS_CACHE_FILE`. */
export function recordsCacheFile(source: string): string {
  return `cat-harvest-records-${source}.jsonl.gz`;
}

/** Whether a stored key is one of the data set's own files rather than a photo. */
export function isOwnKey(key: string): boolean {
  return (
    OWN_FILES.has(key) ||
    SOURCE_RECORDS_CACHE.test(key) ||
    SORT_RUN.test(key) ||
    key.startsWith(`${INTERNAL_PREFIX}/`) ||
    OWN_PREFIXES.some((p) => key.startsWith(p))
  );
}

/** One line of metadata.jsonl: one stored file. */
export interface MetadataRow {
  /** Relative path of the file: `<Breed_Folder>/<animalId>-<photoNumber>.jpg`. */
  readonly file_name: string;
  readonly breed: string;
  /** The record id when it is a number (a Petfinder or RescueGroups animal), else `null`. */
  readonly animal_id: number | null;
  /** The source the photo came from (`PhotoSource.name`); absent for a URL list's photo. */
  readonly source?: string;
  /** The source's record id. */
  readonly source_id?: number | string | null;
  readonly photo: number | null;
  readonly source_url: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly width?: number;
  readonly height?: number;
}

/** One line of failures.jsonl: one photo that was not stored. */
export interface FailureRow {
  readonly source_url: string;
  readonly breed: string;
  readonly animal_id: number | null;
  readonly source?: string;
  readonly source_id?: number | string | null;
  /**
   * A stable code (`http-404`, `truncated`, `not-an-image`, `network`...), or `duplicate` for
   * a byte-identical copy of `duplicate_of`.
   */
  readonly reason: string;
  /** For `reason: "duplicate"`: the stored file holding the same bytes. */
  readonly duplicate_of?: string;
  readonly attempts: number;
  /** The error's message, when there was one. */
  readonly detail?: string;
  /** The file it would have been. */
  readonly file_name?: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Checks a parsed metadata line; returns a problem or `undefined`. */
export function metadataRowProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "not a JSON object";
  const row = value as Record<string, unknown>;
  if (typeof row.file_name !== "string" || row.file_name === "") return 'no "file_name"';
  if (typeof row.bytes !== "number" || !Number.isInteger(row.bytes) || row.bytes < 0) return 'no whole-number "bytes"';
  if (typeof row.sha256 !== "string" || !HEX64.test(row.sha256)) return 'no 64-hex-digit "sha256"';
  if (typeof row.breed !== "string") return 'no "breed"';
  if (typeof row.source_url !== "string") return 'no "source_url"';
  return undefined;
}

/** Counts metadata rows per breed and folder (the write-up's value_counts). */
export type { BreedCount };

export function countBreeds(rows: Iterable<Pick<MetadataRow, "breed" | "file_name">>): BreedCount[] {
  const counts = new Map<string, { breed: string; folder: string; images: number }>();
  for (const row of rows) {
    const slash = row.file_name.lastIndexOf("/");
    const folder = slash === -1 ? "" : row.file_name.slice(0, slash);
    const id = `${row.breed}\u0000${folder}`;
    const entry = counts.get(id);
    if (entry) entry.images++;
    else counts.set(id, { breed: row.breed, folder, images: 1 });
  }
  return [...counts.values()].sort(byImages);
}

/** The order of breeds.csv: most images first, then by breed. */
export function byImages(a: BreedCount, b: BreedCount): number {
  return b.images - a.images || a.breed.localeCompare(b.breed);
}
