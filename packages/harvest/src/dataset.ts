import { breedCountsToCsv, createContentDeduper } from "@cat-harvest/photos";
import { LOCK_KEY, type StorageAdapter } from "@cat-harvest/storage";
import {
  BREEDS_FILE,
  DATASET_FILES,
  FAILURES_FILE,
  METADATA_FILE,
  countBreeds,
  metadataRowProblem,
  type BreedCount,
  type FailureRow,
  type MetadataRow,
} from "./dataset-files.js";
import { HarvestDatasetError } from "./errors.js";
import { duplicateOf, readFailureRow, withPublicUrl } from "./failure-row.js";
import { hashStream, type CreateSha256 } from "./hash-stream.js";
import { readJsonLines } from "./read-lines.js";

/** Keys under this prefix belong to cat-harvest itself, never to the data set. */
export const INTERNAL_PREFIX = ".cat-harvest";

export interface OpenDatasetOptions {
  /**
   * How often, at most, metadata.jsonl is rewritten during a run on stores that can replace
   * objects (folders, S3), so a killed run loses at most this much bookkeeping.
   * @default 5000
   */
  readonly checkpointMs?: number;
  readonly signal?: AbortSignal;
  /** The SHA-256 unlisted objects are re-hashed with. @default the downloader's `createDefaultSha256` */
  readonly createSha256?: CreateSha256;
}

/** What a re-run found in its destination. */
export interface ResumeInfo {
  /** Files listed in metadata.jsonl that are present with the listed size: never fetched again. */
  readonly stored: number;
  /** Objects present but not listed (a run killed between checkpoints): re-verified or re-downloaded. */
  readonly unlisted: number;
  /** Listed files missing or of another size: downloaded again. */
  readonly damaged: number;
  /** failures.jsonl lines of the previous run. */
  readonly previousFailures: number;
}

/** What a job needs, given what is stored. */
export type StoredState =
  | { readonly state: "stored"; readonly row: MetadataRow }
  /** Present on a medium that cannot replace it: hash it and keep it. */
  | { readonly state: "adopt" }
  /** Listed with another size on a medium that cannot replace it: it stays out of the data set. */
  | { readonly state: "damaged" }
  | { readonly state: "missing" };

/**
 * The data set being written into one storage adapter: what is stored, what failed, the
 * checkpoints of metadata.jsonl, and the three metadata files at the end.
 */
export interface Dataset {
  readonly storage: StorageAdapter;
  readonly resume: ResumeInfo;
  /** Whether `key` needs a download, can be adopted as it is, or is stored. */
  state(key: string): StoredState;
  /**
   * Claims content for `key`: returns the file already holding these bytes in the same
   * folder (so the caller drops the new one as a duplicate), or `undefined` after claiming.
   */
  claimContent(sha256: string, key: string): string | undefined;
  /** Gives up a claim whose put did not complete. */
  releaseContent(sha256: string, key: string): void;
  /** Known duplicate from an earlier run: the file holding the same bytes. */
  knownDuplicate(key: string): string | undefined;
  /** Hashes a present object (see `state` "adopt") and records it. */
  adopt(key: string, row: Omit<MetadataRow, "bytes" | "sha256">): Promise<MetadataRow>;
  /** Records a stored file. */
  record(row: MetadataRow): void;
  /** Records a photo that was not stored. */
  fail(row: FailureRow): void;
  /** Rewrites metadata.jsonl when the checkpoint interval has passed (replace-capable stores only). */
  checkpoint(force?: boolean): Promise<void>;
  /** Stored files per breed, most first. */
  counts(): BreedCount[];
  /** This run's failures (not duplicates), by reason. */
  failureReasons(): Map<string, number>;
  readonly storedCount: number;
  readonly storedBytes: number;
  /** Writes metadata.jsonl, failures.jsonl and breeds.csv and closes the storage. */
  finish(): Promise<void>;
}

interface StoredEntry {
  readonly line: string;
  readonly breed: string;
  readonly bytes: number;
}

/** Reads a destination's metadata (resume) and returns the data set to write into it. */
export async function openDataset(storage: StorageAdapter, options: OpenDatasetOptions = {}): Promise<Dataset> {
  const { signal } = options;
  const checkpointMs = options.checkpointMs ?? 5000;
  const replace = storage.capabilities.replace;

  const present = new Map<string, number>();
  const datasetFiles = new Set<string>(DATASET_FILES);
  for await (const info of storage.list()) {
    if (datasetFiles.has(info.key) || info.key === LOCK_KEY || info.key.startsWith(`${INTERNAL_PREFIX}/`)) continue;
    present.set(info.key, info.size);
  }

  const stored = new Map<string, StoredEntry>();
  // Byte-identical re-posts count as duplicates within a folder only: a photo filed under
  // both of an animal's breeds keeps both copies, as the write-up counted them.
  const content = createContentDeduper({ scope: "folder" });
  let damaged = 0;
  const damagedKeys = new Set<string>();
  let storedBytes = 0;
  const previousFailures = new Map<string, string>(); // key (file_name or url) -> line
  const duplicates = new Map<string, string>();

  if (await storage.stat(METADATA_FILE)) {
    for await (const { value, line } of readJsonLines(await getOrThrow(storage, METADATA_FILE), (n, error) => {
      throw new HarvestDatasetError(METADATA_FILE, `line ${n} is not JSON; move the file away to start the data set afresh`, { cause: error });
    })) {
      const problem = metadataRowProblem(value);
      if (problem) throw new HarvestDatasetError(METADATA_FILE, `line ${line}: ${problem}; move the file away to start the data set afresh`);
      const row = withPublicUrl(value as MetadataRow); // rows of earlier versions may hold credentials
      if (present.get(row.file_name) === row.bytes) {
        stored.set(row.file_name, { line: JSON.stringify(row), breed: row.breed, bytes: row.bytes });
        content.seen(row.sha256, row.file_name);
        storedBytes += row.bytes;
      } else {
        damaged++;
        if (present.has(row.file_name)) damagedKeys.add(row.file_name);
      }
    }
  }
  if (await storage.stat(FAILURES_FILE)) {
    for await (const { value } of readJsonLines(await getOrThrow(storage, FAILURES_FILE), () => {})) {
      const row = readFailureRow(value);
      if (!row) continue;
      const key = row.file_name ?? row.source_url;
      if (stored.has(key)) continue;
      previousFailures.set(key, JSON.stringify(row));
      const original = duplicateOf(row);
      if (original !== undefined && row.file_name && stored.has(original)) duplicates.set(row.file_name, original);
    }
  }

  let unlisted = 0;
  for (const key of present.keys()) if (!stored.has(key)) unlisted++;

  const failures = new Map<string, string>();
  const reasons = new Map<string, number>();
  let lastCheckpoint = Date.now();
  let checkpointing: Promise<void> | undefined;
  let dirty = false;

  const metadataBody = () => encodeLines(Array.from(stored.values(), (e) => e.line));

  const dataset: Dataset = {
    storage,
    resume: { stored: stored.size, unlisted, damaged, previousFailures: previousFailures.size },
    get storedCount() {
      return stored.size;
    },
    get storedBytes() {
      return storedBytes;
    },
    state(key) {
      const entry = stored.get(key);
      if (entry) return { state: "stored", row: JSON.parse(entry.line) as MetadataRow };
      if (!replace && damagedKeys.has(key)) return { state: "damaged" };
      if (!replace && present.has(key)) return { state: "adopt" };
      return { state: "missing" };
    },
    claimContent(sha256, key) {
      return content.seen(sha256, key) ? content.firstKey(sha256, key) : undefined;
    },
    releaseContent(sha256, key) {
      content.forget(sha256, key);
    },
    knownDuplicate(key) {
      return duplicates.get(key);
    },
    async adopt(key, partial) {
      const body = await storage.get(key);
      if (!body) throw new HarvestDatasetError(key, "it was listed but cannot be read back");
      const { sha256, bytes } = await hashStream(body, signal, options.createSha256);
      const row: MetadataRow = { ...partial, file_name: key, bytes, sha256 };
      content.seen(sha256, key);
      dataset.record(row);
      return row;
    },
    record(row) {
      const previous = stored.get(row.file_name);
      if (previous) storedBytes -= previous.bytes;
      stored.set(row.file_name, { line: JSON.stringify(row), breed: row.breed, bytes: row.bytes });
      storedBytes += row.bytes;
      previousFailures.delete(row.file_name);
      previousFailures.delete(row.source_url);
      failures.delete(row.file_name);
      dirty = true;
    },
    fail(given) {
      const row = readFailureRow(given) ?? given;
      const key = row.file_name ?? row.source_url;
      failures.set(key, JSON.stringify(row));
      previousFailures.delete(key);
      if (duplicateOf(row) === undefined) reasons.set(row.reason, (reasons.get(row.reason) ?? 0) + 1);
      dirty = true;
    },
    async checkpoint(force = false) {
      if (!replace || checkpointing) return checkpointing;
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
      // supersede: an archive keeps its earlier copies (whole, listing every file stored
      // before this run) until these are whole after them; an unchanged file is not rewritten.
      const meta = metadataBody();
      await storage.put(METADATA_FILE, meta.body, { size: meta.size, contentType: "application/jsonl", supersede: true });
      const fails = encodeLines([...failures.values(), ...previousFailures.values()]);
      await storage.put(FAILURES_FILE, fails.body, { size: fails.size, contentType: "application/jsonl", supersede: true });
      const csv = new TextEncoder().encode(breedCountsToCsv(dataset.counts()));
      await storage.put(BREEDS_FILE, csv, { size: csv.byteLength, contentType: "text/csv", supersede: true });
      await storage.close();
    },
  };
  return dataset;
}

async function getOrThrow(storage: StorageAdapter, key: string): Promise<ReadableStream<Uint8Array>> {
  if (!storage.capabilities.read) throw new HarvestDatasetError(key, `${storage.name} storage cannot read objects back`);
  const body = await storage.get(key);
  if (!body) throw new HarvestDatasetError(key, "it disappeared while being read");
  return body;
}

/** The folder part of a key (`Bengal/1-1.jpg` -> `Bengal`). */
export function folderOf(key: string): string {
  const slash = key.lastIndexOf("/");
  return slash === -1 ? "" : key.slice(0, slash);
}

/** Encodes lines with a trailing newline each, as a body and its length. */
function encodeLines(lines: readonly string[]): { body: ReadableStream<Uint8Array>; size: number } {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const BATCH = 512;
  for (let i = 0; i < lines.length; i += BATCH) {
    const chunk = encoder.encode(lines.slice(i, i + BATCH).join("\n") + "\n");
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return { body, size };
}
