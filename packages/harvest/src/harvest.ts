import type { PetfinderClient, PetfinderQuotaError } from "@cat-harvest/petfinder";
import { breedFolderName, type PhotoSize } from "@cat-harvest/photos";
import type { StorageAdapter } from "@cat-harvest/storage";
import { createPhotoAdmitter } from "./admit-photo.js";
import type { BreedCount } from "./dataset-files.js";
import type { Dataset, ResumeInfo } from "./dataset.js";
import { createDownloadGate, type DownloadGate } from "./download-gate.js";
import { DEFAULT_CONCURRENCY, type DownloadRunOptions } from "./download-run-options.js";
import { drainCandidates } from "./drain-candidates.js";
import { HarvestUsageError } from "./errors.js";
import { openRunDataset } from "./open-run-dataset.js";
import { resumeLines } from "./log-resume.js";
import { listBreeds, resolveBreeds } from "./petfinder-breeds.js";
import { petfinderCandidates } from "./petfinder-candidates.js";
import { breedPlan, streamRecords, type RecordsOutcome } from "./petfinder-records.js";
import type { PhotoCandidate, PhotoJob } from "./photo-candidate.js";
import { readCacheSummary, type CachedRecordsSummary, type RecordsCacheLocation } from "./petfinder-records-cache.js";
import { createRunProgress, type RunCounters } from "./run-progress.js";
import { countResults, datasetSummary, storePhotos } from "./store-photos.js";

/** Records fetched per breed when not told. The write-up's 3 pages of 500. */
export const DEFAULT_PER_BREED = 1500;
/** Images kept per breed folder when not told. The write-up's cap. */
export const DEFAULT_CAP = 5000;
/** The size taken when not told: the original (largest). */
export const DEFAULT_SIZE: PhotoSize = "full";
/** Breeds whose records are fetched at once. */
const BREED_CONCURRENCY = 4;

export interface HarvestOptions extends DownloadRunOptions {
  /** The Petfinder client. Needed unless the records cache already holds every breed asked for. */
  readonly client?: PetfinderClient | undefined;
  /**
   * Where the data set goes, or a function opening it, called once the breeds are known (so
   * refused credentials fail before anything is created). It is closed at the end.
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

/** The options of a harvest with every default filled in and checked. */
interface HarvestPlan {
  readonly type: string;
  readonly perBreed: number;
  readonly cap: number;
  readonly size: PhotoSize;
  readonly concurrency: number;
  /** The API root records come from (records of another API point at another CDN: not reused). */
  readonly source: string;
  /** The records cache's summary, when it is of this type and source and `refresh` is off. */
  readonly cached: CachedRecordsSummary | undefined;
  readonly allBreeds: readonly string[];
  readonly breeds: readonly string[];
}

/**
 * The whole harvest: breeds -> records per breed (cache or API, several breeds at once)
 * -> photo candidates -> the decision for each (`createPhotoDecider`) -> downloads into
 * `storage` -> metadata.jsonl, failures.jsonl and breeds.csv. Re-running into the same
 * storage resumes.
 *
 * @example
 * const summary = await harvest({ client, storage: await createFsStorage({ root: "cat_breeds" }), breeds: ["Bengal"] });
 */
export async function harvest(options: HarvestOptions): Promise<HarvestSummary> {
  const startedAt = Date.now();
  const plan = await planHarvest(options);
  const storage = typeof options.storage === "function" ? await options.storage() : options.storage;
  const dataset = await openRunDataset(storage, options);
  return runHarvest(plan, dataset, options, startedAt);
}

/** Step 1: checks the options and settles the breeds (from the records cache when it has them). */
async function planHarvest(options: HarvestOptions): Promise<HarvestPlan> {
  const type = options.type ?? "cat";
  const perBreed = checkPositiveInteger("perBreed", options.perBreed ?? DEFAULT_PER_BREED);
  const cap = checkPositiveInteger("cap", options.cap ?? DEFAULT_CAP);
  const concurrency = checkPositiveInteger("concurrency", options.concurrency ?? DEFAULT_CONCURRENCY);
  const { client, cache } = options;
  const summary = cache && !options.refresh ? await readCacheSummary(cache) : undefined;
  const source = client?.baseUrl ?? summary?.source ?? "";
  const cached = summary && summary.type === type && summary.source === source ? summary : undefined;
  const allBreeds = await listBreeds(type, client, cached, options.signal);
  const breeds = resolveBreeds(type, options.breeds, allBreeds);
  return { type, perBreed, cap, size: options.size ?? DEFAULT_SIZE, concurrency, source, cached, allBreeds, breeds };
}

/** Step 2: records stream in, their candidates are decided in order, and the jobs downloaded. */
async function runHarvest(plan: HarvestPlan, dataset: Dataset, options: HarvestOptions, startedAt: number): Promise<HarvestSummary> {
  const { signal } = options;
  let finished = false;
  let drained: Promise<void> | undefined;
  // Stops the breed fetchers when the run ends for any reason, so none keeps calling the API.
  const internal = new AbortController();
  const recordsSignal = signal ? AbortSignal.any([signal, internal.signal]) : internal.signal;
  try {
    const { progress, report } = createRunProgress("records", plan.breeds.length, options.onProgress, startedAt);
    for (const line of resumeLines(dataset.resume)) options.onLog?.(line);
    const gate = createDownloadGate(Math.max(1, Math.floor(plan.concurrency / 2)), recordsSignal);
    const stream = streamCandidates(plan, options, { progress, report, gate, signal: recordsSignal });
    drained = stream.done;
    const admit = createPhotoAdmitter(dataset, progress, { cap: plan.cap });
    async function* jobs(): AsyncGenerator<PhotoJob> {
      for await (const candidate of stream.candidates) {
        const job = await admit(candidate);
        report();
        if (!job) continue;
        await gate.take();
        yield job;
      }
    }
    const interrupted = await storePhotos(dataset, jobs(), {
      concurrency: plan.concurrency,
      signal,
      fetch: options.fetch,
      createSha256: options.createSha256,
      onResult: countResults(progress, report),
      onJobEnd: () => gate.release(),
    });
    const api = await stream.outcome;
    await drained;
    finished = true;
    await dataset.finish();
    progress.phase = "done";
    report();
    return harvestSummary(plan, dataset, progress, api, interrupted || !!signal?.aborted, startedAt, options.onLog);
  } finally {
    internal.abort(new Error("the harvest ended"));
    // The records end once the fetchers see the abort; the drain (which never rejects) with them.
    await drained;
    // An error stopped the run: still write what is stored, so nothing is lost.
    if (!finished) await dataset.finish().catch(() => {});
  }
}

/** What `streamCandidates` reports to and is stopped by. */
interface CandidateStreamRun {
  readonly progress: RunCounters;
  readonly report: () => void;
  /** Opened once every record is in. */
  readonly gate: DownloadGate;
  readonly signal: AbortSignal;
}

/**
 * Step 2a: the Petfinder records (cache, then API) turned into candidates as they arrive, so
 * the API phase goes at the client's pace while downloads go on; only the candidates wait
 * for the downloads.
 */
function streamCandidates(
  plan: HarvestPlan,
  options: HarvestOptions,
  run: CandidateStreamRun,
): { candidates: AsyncIterable<PhotoCandidate>; done: Promise<void>; outcome: Promise<RecordsOutcome> } {
  const { client, cache, onLog } = options;
  const { breeds, perBreed, cached } = plan;
  const { progress, report, gate, signal } = run;
  const needsApi = breeds.some((b) => !breedPlan(cached?.progress.get(b), perBreed).complete);
  if (needsApi && !client) throw new TypeError("harvest: a client is needed to fetch breeds the records cache does not hold");
  if (!needsApi) onLog?.(`Using the ${cache ? "records cache" : "cache"}: no API calls needed (pass refresh: true to fetch again)`);
  const { records, outcome } = streamRecords({
    source: plan.source,
    client: needsApi ? client : undefined,
    type: plan.type,
    allBreeds: plan.allBreeds,
    breeds,
    perBreed,
    cache,
    cached,
    breedConcurrency: BREED_CONCURRENCY,
    signal,
    onBreedDone(breed, count, from) {
      progress.breedsDone++;
      onLog?.(`${breed}: ${count} ${count === 1 ? "record" : "records"} (${from})`);
      report();
    },
  });
  // An animal is offered under both its breeds; asked breeds keep only their own folders.
  const fromAnimal = petfinderCandidates({ size: plan.size, folders: options.breeds ? new Set(breeds.map(breedFolderName)) : undefined });
  const drain = drainCandidates(records, {
    candidatesOf: (record) => fromAnimal(record.animal),
    onItem() {
      progress.records++;
      report();
    },
    onEnd() {
      gate.open();
      // Records cut short by the end of the run are not "all in".
      if (signal.aborted) return;
      progress.phase = "download";
      report();
    },
  });
  return { ...drain, outcome };
}

/** Step 3: the summary, and the log lines about the API phase. */
function harvestSummary(
  plan: HarvestPlan,
  dataset: Dataset,
  progress: RunCounters,
  api: RecordsOutcome,
  interrupted: boolean,
  startedAt: number,
  onLog?: (line: string) => void,
): HarvestSummary {
  const message = (error: unknown) => (error as Error)?.message ?? String(error);
  if (api.quota) onLog?.(quotaAdvice(api.quota));
  for (const { breed, error } of api.errors) onLog?.(`${breed}: records could not be fetched: ${message(error)}`);
  const summary = datasetSummary(dataset, progress);
  const status = interrupted ? "interrupted" : summary.failed > 0 || api.quota || api.errors.length > 0 ? "partial" : "complete";
  return {
    status,
    type: plan.type,
    breeds: plan.breeds.length,
    overCap: progress.overCap,
    ...summary,
    ...(api.quota ? { quotaResetAt: api.quota.resetAt.toISOString() } : {}),
    apiErrors: api.errors.map(({ breed, error }) => ({ breed, message: message(error) })),
    durationMs: Date.now() - startedAt,
  };
}

/** What to tell the user when the daily quota ran out. */
export function quotaAdvice(error: PetfinderQuotaError): string {
  return (
    `The Petfinder daily request quota ran out; it resets at ${error.resetAt.toISOString()}. ` +
    "Everything fetched so far was downloaded and the records are kept: run the same command again after the reset to continue."
  );
}

function checkPositiveInteger(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new HarvestUsageError(option, `harvest: ${option} must be a whole number >= 1, got ${String(value)}`, { value });
  return value;
}
