import { PetfinderAuthError, PetfinderError, type PetfinderClient, type PetfinderQuotaError } from "@cat-harvest/petfinder";
import { breedFolderName, tryParsePhotoUrl, type PhotoSize } from "@cat-harvest/photos";
import type { StorageAdapter } from "@cat-harvest/storage";
import { closestNames } from "./closest-names.js";
import { drainRecords, type QueuedPhotoRow } from "./drain-records.js";
import type { BreedCount } from "./dataset-files.js";
import { folderOf, openDataset, type ResumeInfo } from "./dataset.js";
import { HarvestCredentialsError, HarvestUnknownBreedError } from "./errors.js";
import type { HarvestProgress } from "./progress.js";
import { readCacheSummary, streamRecords, type RecordsCacheLocation } from "./records.js";
import type { CreateSha256 } from "./hash-stream.js";
import { countResults, datasetSummary, storePhotos, type PhotoJob } from "./store-photos.js";

/** Records fetched per breed when not told. The write-up's 3 pages of 500. */
export const DEFAULT_PER_BREED = 1500;
/** Images kept per breed folder when not told. The write-up's cap. */
export const DEFAULT_CAP = 5000;
/** Downloads at once when not told. */
export const DEFAULT_CONCURRENCY = 64;
/** The size taken when not told: the original (largest). */
export const DEFAULT_SIZE: PhotoSize = "full";

/** How a run downloads and reports: the options `harvest` and `downloadList` share. */
export interface DownloadRunOptions {
  /** Downloads at once (by `harvest`, at most half of it until every record is in). @default 64 */
  readonly concurrency?: number;
  /** Stops the run cleanly: downloads in flight are dropped, metadata is written. */
  readonly signal?: AbortSignal;
  /** The fetch used for photos. @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * Makes the SHA-256 files are hashed with.
   * @default the downloader's `createDefaultSha256` (native where the runtime has one)
   */
  readonly createSha256?: CreateSha256;
  /** Milliseconds between metadata.jsonl checkpoints on folders and S3. @default 5000 */
  readonly checkpointMs?: number;
  /** Counters after each change. */
  readonly onProgress?: (progress: HarvestProgress) => void;
  /** Notable events as sentences (a breed done, the quota reached). */
  readonly onLog?: (line: string) => void;
}

export interface HarvestOptions extends DownloadRunOptions {
  /** The Petfinder client. Needed unless the records cache already holds every breed asked for. */
  readonly client?: PetfinderClient | undefined;
  /**
   * Where the data set goes (see `openDestination`), or a function opening it, called once
   * the breeds are known (so refused credentials fail before anything is created). It is
   * closed at the end.
   */
  readonly storage: StorageAdapter | (() => Promise<StorageAdapter>);
  /** Where fetched records are kept between runs (beside the data set). */
  readonly cache?: RecordsCacheLocation | undefined;
  /** @default "cat" */
  readonly type?: string;
  /** Breed names (any case); unknown names throw `HarvestUnknownBreedError`. @default every breed of the type */
  readonly breeds?: readonly string[] | undefined;
  /** Records fetched per breed. @default 1500 */
  readonly perBreed?: number;
  /** Images kept per breed folder (files stored earlier count). @default 5000 */
  readonly cap?: number;
  /** Photo size; a missing size falls back to the nearest larger, then smaller. @default "full" */
  readonly size?: PhotoSize;
  /** Fetch records from the API again instead of using the cache. @default false */
  readonly refresh?: boolean;
}

/** What a harvest did. */
export interface HarvestSummary {
  /** `complete`: every photo asked for is stored; `partial`: some failed, or the API phase stopped early; `interrupted`: the signal stopped it. */
  readonly status: "complete" | "partial" | "interrupted";
  readonly type: string;
  readonly breeds: number;
  readonly records: number;
  /** Files in the data set now. */
  readonly files: number;
  /** Files stored by this run. */
  readonly stored: number;
  /** Files an earlier run had stored. */
  readonly existing: number;
  readonly failed: number;
  readonly duplicates: number;
  /** Photos left out by the per-breed cap. */
  readonly overCap: number;
  /** Bytes stored by this run. */
  readonly bytes: number;
  /** Bytes in the data set now. */
  readonly totalBytes: number;
  /** Images per breed folder (breeds.csv). */
  readonly counts: BreedCount[];
  /** This run's failures by reason. */
  readonly failureReasons: Record<string, number>;
  readonly resume: ResumeInfo;
  /** Set when the daily quota ran out: when it resets. */
  readonly quotaResetAt?: string;
  /** Breeds whose records could not be fetched (other than the quota), with the error. */
  readonly apiErrors: ReadonlyArray<{ readonly breed: string; readonly message: string }>;
  readonly durationMs: number;
}

/**
 * The whole harvest: breeds -> records per breed (cache or API, several breeds at once)
 * -> photo rows -> de-duplication and caps -> downloads into `storage` -> metadata.jsonl,
 * failures.jsonl and breeds.csv. Re-running into the same storage resumes.
 *
 * @example
 * const summary = await harvest({ client, storage: await createFsStorage({ root: "cat_breeds" }), breeds: ["Bengal"] });
 */
export async function harvest(options: HarvestOptions): Promise<HarvestSummary> {
  const startedAt = Date.now();
  const type = options.type ?? "cat";
  const perBreed = options.perBreed ?? DEFAULT_PER_BREED;
  const cap = options.cap ?? DEFAULT_CAP;
  const size = options.size ?? DEFAULT_SIZE;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  checkPositiveInteger("perBreed", perBreed);
  checkPositiveInteger("cap", cap);
  checkPositiveInteger("concurrency", concurrency);
  const { client, cache, signal, onProgress, onLog } = options;

  // Breeds: from the cache when it has the list, so a re-run needs no API call at all.
  const cacheSummary = cache && !options.refresh ? await readCacheSummary(cache) : undefined;
  // Records of another API (another emulator, say) point at another CDN: not reused.
  const source = client?.baseUrl ?? cacheSummary?.source ?? "";
  const cached = cacheSummary && cacheSummary.type === type && cacheSummary.source === source ? cacheSummary : undefined;
  let allBreeds: string[];
  if (cached && cached.breeds.length > 0) allBreeds = [...cached.breeds];
  else {
    if (!client) throw new TypeError("harvest: a client is needed (no records cache holds this type's breeds)");
    allBreeds = (await withCredentialCheck(() => client.breeds(type, signal ? { signal } : {}))).map((b) => b.name);
  }
  const breeds = resolveBreeds(type, options.breeds, allBreeds);
  const askedFolders = options.breeds ? new Set(breeds.map(breedFolderName)) : undefined;

  const storage = typeof options.storage === "function" ? await options.storage() : options.storage;
  const dataset = await openDataset(storage, {
    ...(options.checkpointMs !== undefined ? { checkpointMs: options.checkpointMs } : {}),
    ...(signal ? { signal } : {}),
    ...(options.createSha256 ? { createSha256: options.createSha256 } : {}),
  }).catch(
    async (error: unknown) => {
      await storage.close().catch(() => {});
      throw error;
    },
  );
  let finished = false;
  let drainedRecords: Promise<void> | undefined;
  // Stops the breed fetchers when the run ends for any reason, so none keeps calling the API.
  const internal = new AbortController();
  const recordsSignal = signal ? AbortSignal.any([signal, internal.signal]) : internal.signal;
  try {
    const progress = {
      phase: "records" as HarvestProgress["phase"],
      breedsTotal: breeds.length,
      breedsDone: 0,
      records: 0,
      queued: 0,
      stored: 0,
      existing: 0,
      failed: 0,
      duplicates: 0,
      bytes: 0,
      startedAt,
    };
    const report = () => onProgress?.({ ...progress });
    if (dataset.resume.stored + dataset.resume.unlisted > 0) {
      onLog?.(
        `Resuming: ${dataset.resume.stored} files stored earlier` +
          (dataset.resume.unlisted ? `, ${dataset.resume.unlisted} unlisted to re-check` : "") +
          (dataset.resume.damaged ? `, ${dataset.resume.damaged} damaged to fetch again` : ""),
      );
    }

    const needsApi = breeds.some((b) => {
      const p = cached?.progress.get(b);
      return !(p && (p.exhausted || p.records >= perBreed));
    });
    if (needsApi && !client) throw new TypeError("harvest: a client is needed to fetch breeds the records cache does not hold");
    if (!needsApi) onLog?.(`Using the ${cache ? "records cache" : "cache"}: no API calls needed (--refresh fetches again)`);

    const { records, outcome } = streamRecords({
      source,
      client: needsApi ? client : undefined,
      type,
      allBreeds,
      breeds,
      perBreed,
      cache,
      cached,
      breedConcurrency: 4,
      signal: recordsSignal,
      onBreedDone(breed, count, source) {
        progress.breedsDone++;
        onLog?.(`${breed}: ${count} ${count === 1 ? "record" : "records"} (${source})`);
        report();
      },
    });

    // Records are read as they come and turned at once into compact photo rows, so the API
    // phase goes at the client's pace while downloads go on; the rows wait for the downloads.
    // While records still arrive, downloads take at most half of the slots: the API is
    // the rate-limited, quota-counted part, and downloads sharing the CPU would slow it. The
    // downloads catch up at full concurrency once every record is in.
    const recordsPhaseConcurrency = Math.max(1, Math.floor(concurrency / 2));
    let recordsIn = false;
    let yielded = 0;
    let settled = 0;
    let gate: (() => void) | undefined;
    const openGate = () => {
      const open = gate;
      gate = undefined;
      open?.();
    };
    recordsSignal.addEventListener("abort", openGate, { once: true });

    const { rows, done: drained } = drainRecords(records, {
      size,
      folders: askedFolders,
      onRecord() {
        progress.records++;
        report();
      },
      onEnd() {
        recordsIn = true;
        openGate();
        // Records cut short by the end of the run are not "all in".
        if (recordsSignal.aborted) return;
        progress.phase = "download";
        report();
      },
    });
    drainedRecords = drained;

    // Folder counts start from what is stored, so a re-run never goes over the cap.
    const inFolder = new Map<string, number>();
    for (const { folder, images } of dataset.counts()) inFolder.set(folder, images);
    const seen = new Set<string>();
    let overCap = 0;

    // De-duplication, caps and the data set's state are decided here, in the rows' order, as
    // the downloads pull them (a row that is not downloaded goes straight to the next one).
    async function admit(row: QueuedPhotoRow): Promise<PhotoJob | undefined> {
      if (seen.has(row.key)) return undefined;
      seen.add(row.key);
      let state = dataset.state(row.key);
      let counted = false;
      if (state.state === "stored") {
        // Stored at another size (the run asks for a new --size): replace it where the
        // medium can; an archive keeps what it has.
        const stored = tryParsePhotoUrl(state.row.source_url);
        if (!stored.ok || stored.value.size === row.size) {
          progress.existing++;
          return undefined;
        }
        if (!storage.capabilities.replace) {
          dataset.fail({ source_url: row.url, breed: row.breed, animal_id: row.animalId, reason: "size-changed-in-archive", detail: `the archive holds this photo at size ${stored.value.size} and cannot replace it; harvest into a new DEST for size ${row.size}`, attempts: 0, file_name: row.key });
          progress.existing++;
          return undefined;
        }
        state = { state: "missing" };
        counted = true; // already counts towards the cap
      }
      if (state.state === "damaged") {
        dataset.fail({ source_url: row.url, breed: row.breed, animal_id: row.animalId, reason: "damaged-in-archive", detail: "the archive holds this file with other bytes than metadata.jsonl listed, and an archive cannot replace it; harvest into a new DEST", attempts: 0, file_name: row.key });
        progress.failed++;
        return undefined;
      }
      const holder = dataset.knownDuplicate(row.key);
      if (holder !== undefined) {
        dataset.fail({ source_url: row.url, breed: row.breed, animal_id: row.animalId, reason: `duplicate of ${holder}`, attempts: 0, file_name: row.key });
        progress.duplicates++;
        return undefined;
      }
      const count = inFolder.get(row.folder) ?? 0;
      if (!counted) {
        if (count >= cap) {
          overCap++;
          return undefined;
        }
        inFolder.set(row.folder, count + 1);
      }
      const meta = { breed: row.breed, folder: row.folder, animalId: row.animalId, photo: row.photo };
      if (state.state === "adopt") {
        // A complete object an interrupted run left in an archive: keep it, hashed now.
        await dataset.adopt(row.key, { file_name: row.key, breed: row.breed, animal_id: row.animalId, photo: row.photo, source_url: row.url });
        progress.existing++;
        return undefined;
      }
      progress.queued++;
      return { url: row.url, key: row.key, meta };
    }

    async function* jobs(): AsyncGenerator<PhotoJob> {
      for await (const row of rows) {
        const job = await admit(row);
        report();
        if (!job) continue;
        while (!recordsIn && !recordsSignal.aborted && yielded - settled >= recordsPhaseConcurrency) {
          await new Promise<void>((resolve) => (gate = resolve));
        }
        yielded++;
        yield job;
      }
    }

    const interrupted = await storePhotos(dataset, jobs(), {
      concurrency,
      signal,
      fetch: options.fetch,
      createSha256: options.createSha256,
      onResult: countResults(progress, report),
      onJobEnd() {
        settled++;
        openGate();
      },
    });
    const api = await outcome;
    await drained;
    finished = true;
    await dataset.finish();
    progress.phase = "done";
    report();

    if (api.quota) onLog?.(quotaAdvice(api.quota));
    for (const { breed, error } of api.errors) onLog?.(`${breed}: records could not be fetched: ${(error as Error)?.message ?? String(error)}`);
    const summary = datasetSummary(dataset, progress);
    const status = interrupted || signal?.aborted ? "interrupted" : summary.failed > 0 || api.quota || api.errors.length > 0 ? "partial" : "complete";
    return {
      status,
      type,
      breeds: breeds.length,
      overCap,
      ...summary,
      ...(api.quota ? { quotaResetAt: api.quota.resetAt.toISOString() } : {}),
      apiErrors: api.errors.map(({ breed, error }) => ({ breed, message: (error as Error)?.message ?? String(error) })),
      durationMs: Date.now() - startedAt,
    };
  } finally {
    internal.abort(new Error("the harvest ended"));
    // The records end once the fetchers see the abort; the drain (which never rejects) with them.
    await drainedRecords;
    if (!finished) {
      // An error stopped the run: still write what is stored, so nothing is lost.
      await dataset.finish().catch(() => {});
    }
  }
}

/** What to tell the user when the daily quota ran out. */
export function quotaAdvice(error: PetfinderQuotaError): string {
  return (
    `The Petfinder daily request quota ran out; it resets at ${error.resetAt.toISOString()}. ` +
    "Everything fetched so far was downloaded and the records are kept: run the same command again after the reset to continue."
  );
}

function resolveBreeds(type: string, asked: readonly string[] | undefined, known: readonly string[]): string[] {
  if (!asked || asked.length === 0) return [...known];
  const byLower = new Map(known.map((name) => [name.toLowerCase(), name]));
  const out: string[] = [];
  const unknown: string[] = [];
  for (const name of asked) {
    const match = byLower.get(name.trim().toLowerCase());
    if (match) {
      if (!out.includes(match)) out.push(match);
    } else unknown.push(name.trim());
  }
  if (unknown.length > 0) {
    throw new HarvestUnknownBreedError(type, unknown, Object.fromEntries(unknown.map((name) => [name, closestNames(name, known)])));
  }
  return out;
}

async function withCredentialCheck<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PetfinderAuthError || (PetfinderError.isInstance(error) && error.name === "PetfinderAuthError")) {
      throw new HarvestCredentialsError(
        "Petfinder refused the credentials (PETFINDER_CLIENT_ID / PETFINDER_CLIENT_SECRET). Check them at https://www.petfinder.com/developers/, or try `cat-harvest --demo`, which needs none.",
        { cause: error },
      );
    }
    throw error;
  }
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`harvest: ${name} must be a whole number >= 1, got ${String(value)}`);
}
