import { type PhotoSize, type PhotoSource, type SourceQuota } from "@cat-harvest/photos";
import type { StorageAdapter } from "@cat-harvest/storage";
import { createPhotoAdmitter } from "./admit-photo.js";
import type { BreedCount } from "./dataset-files.js";
import type { Dataset, ResumeInfo } from "./dataset.js";
import { candidateOptionsOf } from "./candidate-options.js";
import { createDownloadGate, type DownloadGate } from "./download-gate.js";
import { DEFAULT_CONCURRENCY, type DownloadRunOptions } from "./download-run-options.js";
import { drainCandidates } from "./drain-candidates.js";
import { HarvestUsageError } from "./errors.js";
import { openRunDataset } from "./open-run-dataset.js";
import { resumeLines } from "./log-resume.js";
import type { PhotoCandidate, PhotoJob } from "./photo-candidate.js";
import { readCacheSummary, type CachedRecordsSummary, type RecordsCacheLocation } from "./records-cache.js";
import { listBreeds, resolveBreeds, resolveSourceBreeds } from "./source-breeds.js";
import { breedPlan, streamRecords, type BreedRecord, type RecordsOutcome } from "./source-records.js";
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
  /** Where the photos come from (`createPetfinderSource(client)`, say), harvested one after the other into one data set. */
  readonly sources: readonly PhotoSource[];
  /**
   * Where the data set goes, or a function opening it, called once the breeds are known (so
   * refused credentials fail before anything is created). It is closed at the end.
   */
  readonly storage: StorageAdapter | (() => Promise<StorageAdapter>);
  /**
   * Where fetched records are kept between runs (beside the data set), one cache per source:
   * a location for a harvest of one source, or the location of each source by its name.
   */
  readonly cache?: RecordsCacheLocation | ((source: string) => RecordsCacheLocation | undefined) | undefined;
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
  /** Leave out colour "breeds" (Tabby, Calico...): not fetched, and no photo stored under them. @default false */
  readonly noColours?: boolean;
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
  /** Set when a source's quota ran out: when it resets. */
  readonly quotaResetAt?: string;
  /** Set when a source's quota ran out: which source, what ran out ("The Cat API's request quota"). */
  readonly quota?: { readonly source: string; readonly what: string };
  /** Breeds whose records could not be fetched (other than the quota), with the error. */
  readonly apiErrors: ReadonlyArray<{ readonly breed: string; readonly message: string }>;
  readonly durationMs: number;
  /** Set for a download stored shard by shard: its format and how many shards it has. */
  readonly shards?: { readonly format: "files" | "webdataset"; readonly count: number };
}

/** One source's part of a harvest. */
export interface SourcePlan {
  readonly source: PhotoSource;
  readonly cache: RecordsCacheLocation | undefined;
  /** The records cache's summary, when it is of this type and endpoint and `refresh` is off. */
  readonly cached: CachedRecordsSummary | undefined;
  readonly allBreeds: readonly string[];
  readonly breeds: readonly string[];
}

/** The options of a harvest with every default filled in and checked. */
export interface HarvestPlan {
  readonly type: string;
  readonly perBreed: number;
  readonly cap: number;
  readonly size: PhotoSize;
  readonly concurrency: number;
  readonly sources: readonly SourcePlan[];
  /** Breed searches in all (a breed of two sources counts twice). */
  readonly breeds: number;
}

/**
 * The whole harvest: breeds -> records per breed (cache or API, several breeds at once)
 * -> photo candidates -> the decision for each (`createPhotoDecider`) -> downloads into
 * `storage` -> metadata.jsonl, failures.jsonl and breeds.csv. Re-running into the same
 * storage resumes.
 *
 * @example
 * const summary = await harvest({ sources: [createPetfinderSource(client)], storage: await createFsStorage({ root: "cat_breeds" }), breeds: ["Bengal"] });
 */
export async function harvest(options: HarvestOptions): Promise<HarvestSummary> {
  const startedAt = Date.now();
  const plan = await planHarvest(options);
  const storage = typeof options.storage === "function" ? await options.storage() : options.storage;
  const dataset = await openRunDataset(storage, options);
  return runHarvest(plan, dataset, options, startedAt);
}

/** Step 1: checks the options and settles each source's breeds (from its records cache when it has them). */
export async function planHarvest(options: Omit<HarvestOptions, "storage">): Promise<HarvestPlan> {
  const type = options.type ?? "cat";
  const perBreed = checkPositiveInteger("perBreed", options.perBreed ?? DEFAULT_PER_BREED);
  const cap = checkPositiveInteger("cap", options.cap ?? DEFAULT_CAP);
  const concurrency = checkPositiveInteger("concurrency", options.concurrency ?? DEFAULT_CONCURRENCY);
  const { sources } = options;
  if (!Array.isArray(sources) || sources.length === 0) throw new TypeError("harvest: sources must list at least one source");
  if (new Set(sources.map((s) => s.name)).size !== sources.length) throw new TypeError("harvest: each source may be listed once");
  if (sources.length > 1 && options.cache && typeof options.cache !== "function")
    throw new TypeError("harvest: with several sources, cache must be a function giving each source's location");
  const partial: Array<Omit<SourcePlan, "breeds">> = [];
  for (const source of sources) {
    const cache = typeof options.cache === "function" ? options.cache(source.name) : options.cache;
    const summary = cache && !options.refresh ? await readCacheSummary(cache) : undefined;
    const cached = summary && summary.type === type && summary.source === source.endpoint ? summary : undefined;
    partial.push({ source, cache, cached, allBreeds: await listBreeds(type, source, cached, options.signal) });
  }
  const known = partial.map((p) => ({ source: p.source, names: options.noColours ? p.allBreeds.filter((b) => !p.source.isColour?.(b)) : p.allBreeds }));
  const breeds =
    known.length === 1 && !known[0]!.source.breedLabel
      ? [resolveBreeds(type, options.breeds, known[0]!.names)]
      : resolveSourceBreeds(type, options.breeds, known);
  const plans = partial.map((p, i) => ({ ...p, breeds: breeds[i]! }));
  return { type, perBreed, cap, size: options.size ?? DEFAULT_SIZE, concurrency, sources: plans, breeds: breeds.flat().length };
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
    const { progress, report } = createRunProgress("records", plan.breeds, options.onProgress, startedAt);
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
 * Step 2a: each source's records (cache, then API), one source after the other, turned into
 * candidates as they arrive, so the API phase goes at each client's pace while downloads go
 * on; only the candidates wait for the downloads.
 */
function streamCandidates(
  plan: HarvestPlan,
  options: HarvestOptions,
  run: CandidateStreamRun,
): { candidates: AsyncIterable<PhotoCandidate>; done: Promise<void>; outcome: Promise<RecordsOutcome> } {
  const { cache, onLog } = options;
  const { perBreed } = plan;
  const { progress, report, gate, signal } = run;
  const needsApi = plan.sources.some(({ breeds, cached }) => breeds.some((b) => !breedPlan(cached?.progress.get(b), perBreed).complete));
  if (!needsApi) onLog?.(`Using the ${cache ? "records cache" : "cache"}: no API calls needed (pass refresh: true to fetch again)`);
  const outcomes: Array<Promise<RecordsOutcome>> = [];
  let ended: () => void = () => {};
  const allStarted = new Promise<void>((resolve) => (ended = resolve));
  async function* records(): AsyncGenerator<BreedRecord> {
    try {
      for (const sourcePlan of plan.sources) {
        // A stopped run starts no other source (nor writes its records cache anew).
        if (signal.aborted) break;
        const stream = streamRecords({
          ...sourcePlan,
          type: plan.type,
          perBreed,
          breedConcurrency: BREED_CONCURRENCY,
          signal,
          onBreedDone(breed, count, from) {
            progress.breedsDone++;
            onLog?.(`${breed}: ${count} ${count === 1 ? "record" : "records"} (${from})`);
            report();
          },
        });
        outcomes.push(stream.outcome);
        yield* stream.records;
      }
    } finally {
      ended();
    }
  }
  const candidateOptions = new Map(plan.sources.map((sourcePlan) => [sourcePlan.source, candidateOptionsOf(plan, sourcePlan, options)] as const));
  const drain = drainCandidates(records(), {
    candidatesOf: ({ source, record }) => source.candidates(record, candidateOptions.get(source)!),
    // The downloads are the bottleneck now (the API waits for them): they take every slot.
    onFull: () => gate.open(),
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
  const outcome = drain.done.then(() => allStarted).then(async () => mergeOutcomes(await Promise.all(outcomes)));
  return { ...drain, outcome };
}

/** The API phases of every source as one: the first quota that ran out, every other error. */
function mergeOutcomes(outcomes: readonly RecordsOutcome[]): RecordsOutcome {
  const quota = outcomes.find((o) => o.quota)?.quota;
  return {
    ...(quota ? { quota } : {}),
    errors: outcomes.flatMap((o) => o.errors),
    breedsDone: outcomes.reduce((n, o) => n + o.breedsDone, 0),
    pages: outcomes.reduce((n, o) => n + o.pages, 0),
  };
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
    breeds: plan.breeds,
    overCap: progress.overCap,
    ...summary,
    ...(api.quota ? { quotaResetAt: api.quota.resetAt.toISOString(), quota: { source: api.quota.source, what: api.quota.what } } : {}),
    apiErrors: api.errors.map(({ breed, error }) => ({ breed, message: message(error) })),
    durationMs: Date.now() - startedAt,
  };
}

/** What to tell the user when a source's quota ran out. */
export function quotaAdvice(quota: SourceQuota): string {
  return (
    `${quota.what} ran out; it resets at ${quota.resetAt.toISOString()}. ` +
    "Everything fetched so far was downloaded and the records are kept: run the same command again after the reset to continue."
  );
}

function checkPositiveInteger(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new HarvestUsageError(option, `harvest: ${option} must be a whole number >= 1, got ${String(value)}`, { value });
  return value;
}
