import type { PhotoSource } from "@cat-harvest/photos";
import { type StorageAdapter } from "@cat-harvest/storage";
import { readAdoptable } from "./adopt-stored.js";
import { compactMetadata } from "./compact-metadata.js";
import { createContentClaims, type ContentClaims } from "./content-claims.js";
import { METADATA_FILE, type BreedCount, type FailureRow, type MetadataRow } from "./dataset-files.js";
import { dropLaterCopies, duplicateRow, type DroppedCopy, type DroppedDuplicates } from "./drop-later-copies.js";
import { encodeLines } from "./encode-lines.js";
import { writeDatasetFiles, writeStamps } from "./finish-dataset.js";
import { type CreateSha256 } from "./hash-stream.js";
import { createJournal, type Journal } from "./journal.js";
import { createMetadataCheckpoints } from "./metadata-checkpoints.js";
import { readPreviousFailures, type PreviousFailures } from "./previous-failures.js";
import type { UnreadableLine } from "./read-metadata.js";
import { createRunFailures } from "./run-failures.js";
import { scanDestination, type DestinationScan } from "./scan-destination.js";
import type { StoredRow } from "./stored-files.js";
import { trustListedFiles, type TrustedFiles } from "./trust-listed.js";

export type { DroppedDuplicates } from "./drop-later-copies.js";
export type { StoredRow } from "./stored-files.js";

export interface OpenDatasetOptions {
  /**
   * How often, at most, metadata.jsonl is rewritten during a run on stores that can replace
   * objects but not append to them (S3), so a killed run loses at most this much bookkeeping.
   * Folders append each stored file to the journal instead.
   * @default 5000
   */
  readonly checkpointMs?: number;
  readonly signal?: AbortSignal;
  /** The SHA-256 files are re-hashed with. @default the downloader's `createDefaultSha256` */
  readonly createSha256?: CreateSha256;
  /** The sources of this run: `finish` writes SOURCES.md with their terms (nothing when none). @default none */
  readonly sources?: ReadonlyArray<Pick<PhotoSource, "name" | "terms">>;
}

/** What a re-run found in its destination. */
export interface ResumeInfo {
  /** Files listed (metadata.jsonl or the journal) that are present and unchanged: never fetched again. */
  readonly stored: number;
  /** Objects present but not listed (a run killed before listing them, lines lost): re-hashed and kept, when whole images. */
  readonly unlisted: number;
  /** Listed files missing, of another size, or rewritten with other bytes: downloaded again. */
  readonly damaged: number;
  /** Listed files re-hashed because their stamp changed since they were stored (or was never noted). */
  readonly rechecked: number;
  /** Lines of metadata.jsonl or the state file skipped as cut short or garbage (their files, if present, count as unlisted). */
  readonly unreadableLines: number;
  /** The first few of those lines, for a message. */
  readonly unreadable: readonly UnreadableLine[];
  /** failures.jsonl lines of the previous run. */
  readonly previousFailures: number;
}

/** What a job needs, given what is stored. */
export type StoredState =
  | { readonly state: "stored"; readonly row: StoredRow }
  /** Present but not listed: hash it and keep it (when it is a whole image, on a store that can replace it). */
  | { readonly state: "adopt" }
  /** Listed with other bytes on a medium that cannot replace it: it stays out of the data set. */
  | { readonly state: "damaged" }
  | { readonly state: "missing" };

/**
 * The data set being written into one storage adapter: what is stored, what failed, the
 * journal (or checkpoints) of what is stored, and the three metadata files at the end.
 */
export interface Dataset {
  readonly storage: StorageAdapter;
  readonly resume: ResumeInfo;
  /** Whether `key` needs a download, can be adopted as it is, or is stored. */
  state(key: string): StoredState;
  /**
   * Claims content for `key`: returns the file holding these bytes in the same folder whose
   * name sorts before it (so the caller drops the new one as a duplicate), or `undefined` after
   * claiming; on an archive, the file stored first.
   */
  claimContent(sha256: string, key: string): string | undefined;
  /** Gives up a claim whose put did not complete. */
  releaseContent(sha256: string, key: string): void;
  /** Known duplicate from an earlier run: the file holding the same bytes. */
  knownDuplicate(key: string): string | undefined;
  /**
   * Reads a present, unlisted object (see `state` "adopt") and records it; `undefined` (and
   * nothing recorded) when it is not a whole image on a store that can replace it.
   */
  adopt(key: string, row: Omit<MetadataRow, "bytes" | "sha256">): Promise<MetadataRow | undefined>;
  /** Records a stored file. */
  record(row: MetadataRow): void;
  /** Records a photo that was not stored. */
  fail(row: FailureRow): void;
  /** Rewrites metadata.jsonl when the checkpoint interval has passed (stores that replace but cannot append). */
  checkpoint(force?: boolean): Promise<void>;
  /** Stored files per breed, most first. */
  counts(): BreedCount[];
  /** This run's failures (not duplicates), by reason. */
  failureReasons(): Map<string, number>;
  readonly storedCount: number;
  readonly storedBytes: number;
  /** Set by `finish`. */
  readonly dropped: DroppedDuplicates;
  /** Drops later copies of the same content, writes metadata.jsonl, failures.jsonl, breeds.csv and the state file, and closes the storage. */
  finish(): Promise<void>;
}

/** Reads a destination's metadata (resume) and returns the data set to write into it. */
export async function openDataset(storage: StorageAdapter, options: OpenDatasetOptions = {}): Promise<Dataset> {
  // Rows the journal could not append (a full disk, say) wait in memory for `finish`.
  const unjournaled: MetadataRow[] = [];
  const journal = openJournal(storage, (lines) => {
    for (const line of lines) if (line.row) unjournaled.push(line.row);
  });
  // A store that can append keeps the rows on the store (metadata.jsonl and the journal), never in memory.
  const scan = await scanDestination(storage, { keepLines: !journal });
  const trusted = await trustListedFiles(storage, scan, options);
  const { names, stored } = scan;
  const claims = createContentClaims({ firstWins: !storage.capabilities.replace, names });
  for (const slot of stored.listed()) claims.add(stored.row(slot)!.sha256, names.name(slot));
  const previous = await readPreviousFailures(storage, (key) => stored.isListed(names.find(key)));
  // What the re-hash found goes into the journal at once: a kill now does not cost it again.
  for (const line of trusted.confirmed) journal?.add(line);
  return createDataset({ storage, options, scan, trusted, claims, previous, journal, unjournaled });
}

/** The journal of stored files, where the store can replace objects and append to them. */
function openJournal(storage: StorageAdapter, onUnwritten: Parameters<typeof createJournal>[1]): Journal | undefined {
  return storage.capabilities.replace && storage.append ? createJournal(storage as Parameters<typeof createJournal>[0], onUnwritten) : undefined;
}

/** What a re-run found: listed files kept, present ones not listed, damaged ones. */
function resumeInfo(scan: DestinationScan, trusted: TrustedFiles, previous: PreviousFailures): ResumeInfo {
  const { names, stored } = scan;
  let unlisted = 0;
  for (let slot = 0; slot < names.size; slot++) {
    if (scan.isPresent(slot) && !stored.isListed(slot) && !trusted.damagedKeys.has(names.name(slot))) unlisted++;
  }
  return {
    stored: stored.count,
    unlisted,
    damaged: trusted.damaged,
    rechecked: trusted.rechecked,
    unreadableLines: scan.unreadableLines,
    unreadable: scan.unreadable,
    previousFailures: previous.failures.size,
  };
}

/** Whether the metadata on the store is not what the run leaves: journal rows to fold in, lines to drop, stamps to note. */
function needsRewrite(scan: DestinationScan, trusted: TrustedFiles): boolean {
  return scan.journalRows > 0 || scan.unreadableLines > 0 || trusted.damaged > 0 || trusted.confirmed.length > 0;
}

interface DatasetParts {
  readonly storage: StorageAdapter;
  readonly options: OpenDatasetOptions;
  readonly scan: DestinationScan;
  readonly trusted: TrustedFiles;
  readonly claims: ContentClaims;
  readonly previous: PreviousFailures;
  readonly journal: Journal | undefined;
  readonly unjournaled: readonly MetadataRow[];
}

/** metadata.jsonl from the rows held in memory (stores that cannot append a journal), sorted by file name. */
function metadataFromLines(scan: DestinationScan, lines: Map<number, string>): ReturnType<typeof encodeLines> {
  const { names, stored } = scan;
  const listed = Array.from(stored.listed(), (slot) => ({ name: names.name(slot), slot }));
  listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return encodeLines(listed.map(({ slot }) => lines.get(slot)!));
}

/** The data set over what `openDataset` read: each method one step. */
function createDataset({ storage, options, scan, trusted, claims, previous, journal, unjournaled }: DatasetParts): Dataset {
  const replace = storage.capabilities.replace;
  const { names, stored, lines } = scan;
  const { damagedKeys } = trusted;
  const failures = createRunFailures(previous);
  const checkpoints = createMetadataCheckpoints(storage, {
    enabled: replace && !journal,
    intervalMs: options.checkpointMs ?? 5000,
    metadataBody: () => metadataFromLines(scan, lines!),
  });
  let dropped: DroppedDuplicates = { duplicates: 0, storedThisRun: 0 };
  let changed = needsRewrite(scan, trusted);
  const stampOf = async (key: string) => {
    const info = await storage.stat(key).catch(() => null);
    return info?.stamp === undefined ? { file_name: key } : { file_name: key, stamp: info.stamp };
  };
  /** Folds the run into metadata.jsonl; the rows of dropped copies become their failure rows. */
  const writeMetadata = async (copies: ReadonlyMap<string, DroppedCopy>) => {
    const reported = new Set<string>();
    const leftOut = (row: MetadataRow) => {
      const copy = copies.get(row.file_name);
      if (!copy || reported.has(row.file_name) || copy.sha256 !== row.sha256) return;
      reported.add(row.file_name);
      dataset.fail(duplicateRow(row, copy.keeper));
    };
    if (lines) for (const key of copies.keys()) leftOut(JSON.parse(lines.get(names.find(key))!) as MetadataRow);
    else if (changed || !(await storage.stat(METADATA_FILE))) await compactMetadata(storage, { names, stored, onLeftOut: leftOut, unjournaled });
  };

  const dataset: Dataset = {
    storage,
    resume: resumeInfo(scan, trusted, previous),
    get storedCount() {
      return stored.count;
    },
    get storedBytes() {
      return stored.bytes;
    },
    get dropped() {
      return dropped;
    },
    state(key) {
      const slot = names.find(key);
      const row = stored.row(slot);
      if (row) return { state: "stored", row };
      if (!replace && damagedKeys.has(key)) return { state: "damaged" };
      if (scan.isPresent(slot) && !damagedKeys.has(key)) return { state: "adopt" };
      return { state: "missing" };
    },
    claimContent: (sha256, key) => claims.claim(sha256, key),
    releaseContent: (sha256, key) => claims.release(sha256, key),
    knownDuplicate: (key) => previous.duplicates.get(key),
    async adopt(key, partial) {
      const row = await readAdoptable(storage, key, partial, options);
      if (!row) return undefined;
      claims.add(row.sha256, key);
      dataset.record(row);
      return row;
    },
    record(row) {
      const slot = stored.keep(row, true);
      lines?.set(slot, JSON.stringify(row));
      changed = true;
      failures.stored(row);
      checkpoints.touch();
      journal?.add(stampOf(row.file_name).then((line) => ({ ...line, row })));
    },
    fail(row) {
      failures.fail(row);
      checkpoints.touch();
    },
    checkpoint: (force) => checkpoints.checkpoint(force),
    counts: () => stored.counts(),
    failureReasons: () => failures.reasons(),
    async finish() {
      await checkpoints.writing?.catch(() => {});
      const drop = replace ? await dropLaterCopies(storage, claims, names, stored) : undefined;
      if (drop) dropped = drop.dropped;
      if (dropped.duplicates > 0) changed = true;
      // A copy found a duplicate of a file dropped since (a copy sorting first ended later) names the file kept.
      if (drop?.copies.size) failures.repoint((key) => drop.copies.get(key)?.keeper);
      await journal?.flush();
      await writeMetadata(drop?.copies ?? new Map());
      await writeDatasetFiles(storage, {
        metadata: lines ? metadataFromLines(scan, lines) : undefined,
        failures: failures.body(),
        counts: dataset.counts(),
        stored,
        sources: options.sources,
      });
      if (replace && (changed || lines)) await writeStamps(storage, names, stored);
      await storage.close();
    },
  };
  return dataset;
}
