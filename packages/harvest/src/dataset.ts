import { breedCountsToCsv } from "@cat-harvest/photos";
import { type StorageAdapter } from "@cat-harvest/storage";
import { createContentClaims } from "./content-claims.js";
import type { PhotoSource } from "@cat-harvest/photos";
import { writeSourcesFile } from "./sources-file.js";
import { BREEDS_FILE, FAILURES_FILE, METADATA_FILE, STATE_FILE, countBreeds, type BreedCount, type FailureRow, type MetadataRow } from "./dataset-files.js";
import { stateLines, type StateLine } from "./dataset-state.js";
import { encodeLines } from "./encode-lines.js";
import { HarvestDatasetError } from "./errors.js";
import { DUPLICATE_REASON, duplicateOf, readFailureRow } from "./failure-row.js";
import { type CreateSha256 } from "./hash-stream.js";
import { inspectStored } from "./inspect-stored.js";
import { createJournal, type Journal } from "./journal.js";
import { readPreviousFailures } from "./previous-failures.js";
import type { UnreadableLine } from "./read-metadata.js";
import { recheckFiles } from "./recheck-files.js";
import { scanDestination, type PresentFile } from "./scan-destination.js";

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
  | { readonly state: "stored"; readonly row: MetadataRow }
  /** Present but not listed: hash it and keep it (when it is a whole image, on a store that can replace it). */
  | { readonly state: "adopt" }
  /** Listed with other bytes on a medium that cannot replace it: it stays out of the data set. */
  | { readonly state: "damaged" }
  | { readonly state: "missing" };

/** What `finish` dropped: copies of content a file of the same folder whose name sorts first holds. */
export interface DroppedDuplicates {
  readonly duplicates: number;
  /** How many of them this run had stored. */
  readonly storedThisRun: number;
}

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

interface StoredEntry {
  readonly line: string;
  readonly source?: string | undefined;
  readonly breed: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Stored by this run. */
  readonly fresh: boolean;
}

/** The first unreadable lines kept for a message. */
const UNREADABLE_SHOWN = 5;

/** Reads a destination's metadata (resume) and returns the data set to write into it. */
export async function openDataset(storage: StorageAdapter, options: OpenDatasetOptions = {}): Promise<Dataset> {
  const { signal } = options;
  const checkpointMs = options.checkpointMs ?? 5000;
  const replace = storage.capabilities.replace;

  const scan = await scanDestination(storage);
  const { present, stamps } = scan;
  const stored = new Map<string, StoredEntry>();
  const claims = createContentClaims({ firstWins: !replace });
  const damagedKeys = new Set<string>();
  let damaged = 0;
  let storedBytes = 0;
  const keep = (row: MetadataRow, fresh: boolean) => {
    const previous = stored.get(row.file_name);
    if (previous) storedBytes -= previous.bytes;
    stored.set(row.file_name, { line: JSON.stringify(row), breed: row.breed, bytes: row.bytes, sha256: row.sha256, fresh, source: row.source });
    storedBytes += row.bytes;
  };

  // Trusted: present with the listed size and the stamp noted when it was stored. A folder or
  // S3 file with another stamp (or none noted) is re-hashed; an archive's entries are never
  // rewritten in place (and a store that cannot read cannot re-hash), so there the size decides.
  const toCheck: MetadataRow[] = [];
  for (const row of scan.rows.values()) {
    const file = present.get(row.file_name);
    if (file?.size !== row.bytes) {
      damaged++;
      if (file) damagedKeys.add(row.file_name);
    } else if (replace && storage.capabilities.read && (file.stamp === undefined || stamps.get(row.file_name) !== file.stamp)) toCheck.push(row);
    else keep(row, false);
  }
  const changed = await recheckFiles(storage, toCheck, options);
  for (const row of toCheck) {
    if (changed.has(row.file_name)) {
      damaged++;
      damagedKeys.add(row.file_name);
      stamps.delete(row.file_name);
    } else {
      keep(row, false);
      stamps.set(row.file_name, present.get(row.file_name)!.stamp!);
    }
  }
  for (const [key, entry] of stored) claims.add(entry.sha256, key);

  const previous = await readPreviousFailures(storage, (key) => stored.has(key));

  let unlisted = 0;
  for (const key of present.keys()) if (!stored.has(key) && !damagedKeys.has(key)) unlisted++;

  const journal: Journal | undefined = replace && storage.append ? createJournal(storage as Parameters<typeof createJournal>[0]) : undefined;
  // What the re-hash found goes into the journal at once: a kill now does not cost it again.
  for (const row of toCheck) if (!changed.has(row.file_name)) journal?.add({ file_name: row.file_name, stamp: stamps.get(row.file_name)! });

  const failures = new Map<string, string>();
  const reasons = new Map<string, number>();
  let lastCheckpoint = Date.now();
  let checkpointing: Promise<void> | undefined;
  let dirty = false;
  let dropped: DroppedDuplicates = { duplicates: 0, storedThisRun: 0 };

  // Sorted by file name (and failures by file or URL): the same data set gives the same bytes, whatever order files were stored in.
  const metadataBody = () => encodeLines(sortedValues(stored, (e) => e.line));
  const stampOf = async (key: string): Promise<StateLine> => {
    const info = await storage.stat(key).catch(() => null);
    return info?.stamp === undefined ? { file_name: key } : { file_name: key, stamp: info.stamp };
  };

  const dataset: Dataset = {
    storage,
    resume: {
      stored: stored.size,
      unlisted,
      damaged,
      rechecked: toCheck.length,
      unreadableLines: scan.unreadable.length,
      unreadable: scan.unreadable.slice(0, UNREADABLE_SHOWN),
      previousFailures: previous.failures.size,
    },
    get storedCount() {
      return stored.size;
    },
    get storedBytes() {
      return storedBytes;
    },
    get dropped() {
      return dropped;
    },
    state(key) {
      const entry = stored.get(key);
      if (entry) return { state: "stored", row: JSON.parse(entry.line) as MetadataRow };
      if (!replace && damagedKeys.has(key)) return { state: "damaged" };
      if (present.has(key) && !damagedKeys.has(key)) return { state: "adopt" };
      return { state: "missing" };
    },
    claimContent(sha256, key) {
      return claims.claim(sha256, key);
    },
    releaseContent(sha256, key) {
      claims.release(sha256, key);
    },
    knownDuplicate(key) {
      return previous.duplicates.get(key);
    },
    async adopt(key, partial) {
      const body = await storage.get(key);
      if (!body) throw new HarvestDatasetError(key, "it was listed but cannot be read back");
      const found = await inspectStored(body, signal, options.createSha256);
      // A folder's stray file that is not a whole image is downloaded over; an archive keeps what it holds.
      if (replace && !found.image) return undefined;
      const dimensions = found.width !== undefined && found.height !== undefined ? { width: found.width, height: found.height } : {};
      const row: MetadataRow = { ...partial, file_name: key, bytes: found.bytes, sha256: found.sha256, ...dimensions };
      claims.add(found.sha256, key);
      dataset.record(row);
      return row;
    },
    record(row) {
      keep(row, true);
      previous.failures.delete(row.file_name);
      previous.failures.delete(row.source_url);
      failures.delete(row.file_name);
      dirty = true;
      journal?.add(stampOf(row.file_name).then((line) => ({ ...line, row })));
    },
    fail(given) {
      const row = readFailureRow(given) ?? given;
      const key = row.file_name ?? row.source_url;
      failures.set(key, JSON.stringify(row));
      previous.failures.delete(key);
      if (duplicateOf(row) === undefined) reasons.set(row.reason, (reasons.get(row.reason) ?? 0) + 1);
      dirty = true;
    },
    async checkpoint(force = false) {
      if (!replace || journal || checkpointing) return checkpointing;
      if (!dirty || (!force && Date.now() - lastCheckpoint < checkpointMs)) return;
      dirty = false;
      lastCheckpoint = Date.now();
      const { body, size } = metadataBody();
      checkpointing = storage.put(METADATA_FILE, body, { size, contentType: "application/jsonl" }).finally(() => {
        checkpointing = undefined;
        lastCheckpoint = Date.now();
      });
      return checkpointing;
    },
    counts() {
      return countBreeds(Array.from(stored, ([file_name, e]) => ({ file_name, breed: e.breed })));
    },
    failureReasons() {
      return new Map(reasons);
    },
    async finish() {
      await checkpointing?.catch(() => {});
      if (replace) dropped = await dropLaterCopies();
      await journal?.flush();
      // supersede: an archive keeps its earlier copies (whole, listing every file stored
      // before this run) until these are whole after them; an unchanged file is not rewritten.
      const meta = metadataBody();
      await storage.put(METADATA_FILE, meta.body, { size: meta.size, contentType: "application/jsonl", supersede: true });
      const fails = encodeLines(sortedValues(new Map([...previous.failures, ...failures]), (line) => line));
      await storage.put(FAILURES_FILE, fails.body, { size: fails.size, contentType: "application/jsonl", supersede: true });
      const csv = new TextEncoder().encode(breedCountsToCsv(dataset.counts()));
      await storage.put(BREEDS_FILE, csv, { size: csv.byteLength, contentType: "text/csv", supersede: true });
      const named = new Set(Array.from(stored.values(), (e) => e.source).filter((s) => s !== undefined));
      if (options.sources?.length) await writeSourcesFile(storage, options.sources, named);
      if (replace) await writeStamps();
      await storage.close();
    },
  };

  /** Of byte-identical files in a folder the one whose name sorts first stays; the others are deleted and listed as its duplicates. */
  async function dropLaterCopies(): Promise<DroppedDuplicates> {
    let duplicates = 0;
    let storedThisRun = 0;
    for (const { key, keeper } of claims.losers((k, sha256) => stored.get(k)?.sha256 === sha256)) {
      const entry = stored.get(key)!;
      const row = JSON.parse(entry.line) as MetadataRow;
      await storage.delete(key);
      stored.delete(key);
      storedBytes -= entry.bytes;
      stamps.delete(key);
      duplicates++;
      if (entry.fresh) storedThisRun++;
      dataset.fail({
        source_url: row.source_url,
        breed: row.breed,
        animal_id: row.animal_id,
        ...(row.source !== undefined ? { source: row.source, source_id: row.source_id ?? null } : {}),
        reason: DUPLICATE_REASON,
        duplicate_of: keeper,
        attempts: 1,
        file_name: key,
      });
    }
    return { duplicates, storedThisRun };
  }

  /** Replaces the state file (and its journal) with the stamp of every listed file, as listed now. */
  async function writeStamps(): Promise<void> {
    const now = new Map<string, PresentFile>();
    for await (const info of storage.list()) if (stored.has(info.key)) now.set(info.key, { size: info.size, stamp: info.stamp });
    const lines: StateLine[] = [];
    for (const [key, entry] of stored) {
      const file = now.get(key);
      if (file?.stamp !== undefined && file.size === entry.bytes) lines.push({ file_name: key, stamp: file.stamp });
    }
    const bytes = new TextEncoder().encode(stateLines(lines));
    await storage.put(STATE_FILE, bytes, { size: bytes.byteLength, contentType: "application/jsonl" });
  }

  return dataset;
}

/** The values of a map in the order of its keys, mapped. */
function sortedValues<V>(map: ReadonlyMap<string, V>, line: (value: V) => string): string[] {
  return [...map.keys()].sort().map((key) => line(map.get(key)!));
}
