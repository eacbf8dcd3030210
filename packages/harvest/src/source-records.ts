import type { PhotoSource, SourceQuota } from "@cat-harvest/photos";
import pLimit from "p-limit";
import { createChannel, type Channel } from "./channel.js";
import {
  createRecordsCacheWriter,
  readCacheLines,
  type BreedProgress,
  type CachedRecordsSummary,
  type CacheLine,
  type RecordsCacheLocation,
  type RecordsCacheWriter,
} from "./records-cache.js";

/** Records waiting between the API phase and the candidates. */
const CHANNEL_RECORDS = 200;

/** One fetched record, the breed search it came from, and its source. */
export interface BreedRecord {
  readonly source: PhotoSource;
  readonly breed: string;
  readonly record: unknown;
}

/** How a breed stands after the cache: complete for this run, or to continue at a record count. */
export function breedPlan(progress: BreedProgress | undefined, perBreed: number): { complete: boolean; from: number } {
  if (!progress) return { complete: false, from: 0 };
  if (progress.exhausted || progress.records >= perBreed) return { complete: true, from: progress.records };
  return { complete: false, from: progress.records };
}

export interface StreamRecordsOptions {
  /** Where the records come from (its endpoint is kept in the cache's header). */
  readonly source: PhotoSource;
  readonly type: string;
  /** Every breed of the type (kept in the cache so a re-run needs no breeds call). */
  readonly allBreeds: readonly string[];
  /** The breeds to harvest. */
  readonly breeds: readonly string[];
  readonly perBreed: number;
  /** Breeds fetched at once. @default 4 */
  readonly breedConcurrency?: number;
  readonly cache?: RecordsCacheLocation | undefined;
  /** What `readCacheSummary` found, when the cache is to be used (not `refresh`). */
  readonly cached?: CachedRecordsSummary | undefined;
  readonly signal?: AbortSignal;
  /** A breed's records are all in (from the cache or the API). */
  readonly onBreedDone?: (breed: string, records: number, source: "cache" | "api") => void;
  /** An API page arrived. */
  readonly onPage?: (breed: string, records: number) => void;
}

/** The outcome of the API phase, known once the record stream has ended. */
export interface RecordsOutcome {
  /** The source's quota ran out; breeds not done continue on the next run. */
  readonly quota?: SourceQuota & { readonly source: string };
  /** Another API failure that stopped some breeds (they continue on the next run). */
  readonly errors: ReadonlyArray<{ readonly breed: string; readonly error: unknown }>;
  /** Breeds whose records are all in. */
  readonly breedsDone: number;
  /** API pages fetched. */
  readonly pages: number;
}

/** What the two steps of `streamRecords` share while they run. */
interface RecordsRun {
  readonly options: StreamRecordsOptions;
  readonly channel: Channel<BreedRecord>;
  readonly plans: ReadonlyMap<string, { complete: boolean; from: number }>;
  readonly write: (...lines: CacheLine[]) => Promise<void>;
  /** Aborted by the caller's signal; not by a quota error, whose requests in flight finish. */
  readonly apiSignal: AbortSignal;
  readonly errors: Array<{ breed: string; error: unknown }>;
  quota: (SourceQuota & { readonly source: string }) | undefined;
  breedsDone: number;
  pages: number;
}

/**
 * Streams the records of every asked breed: first those kept in the cache
 * (`replayCachedRecords`), then the rest from the API (`fetchBreedRecords`, several breeds at
 * once, each page handed on as it arrives), while writing a new cache beside the data set. A
 * quota error stops the API phase cleanly; whatever arrived is kept.
 */
export function streamRecords(options: StreamRecordsOptions): { records: AsyncIterable<BreedRecord>; outcome: Promise<RecordsOutcome> } {
  const { breeds, perBreed, cache, cached, signal } = options;
  const channel = createChannel<BreedRecord>(CHANNEL_RECORDS);
  const plans = new Map(breeds.map((b) => [b, breedPlan(cached?.progress.get(b), perBreed)] as const));
  const toFetch = breeds.filter((b) => !plans.get(b)!.complete);
  const api = new AbortController();
  const onAbort = () => api.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  let writer: RecordsCacheWriter | undefined;
  const run: RecordsRun = {
    options,
    channel,
    plans,
    write: async (...lines) => writer?.write(...lines),
    apiSignal: api.signal,
    errors: [],
    quota: undefined,
    breedsDone: 0,
    pages: 0,
  };

  const steps = async () => {
    // A cache read from where an earlier version kept it is copied to its own place once.
    if ((toFetch.length > 0 || cached?.legacy) && cache)
      writer = await createRecordsCacheWriter(cache, { source: options.source.endpoint, type: options.type, breeds: options.allBreeds });
    let copiedCache = !cached;
    try {
      if (cached && cache) {
        await replayCachedRecords(run, cache);
        copiedCache = true;
      }
      if (toFetch.length > 0) await fetchBreedRecords(run, toFetch);
    } finally {
      signal?.removeEventListener("abort", onAbort);
      // Stopped while copying the old cache: keep the old one rather than a part of it.
      if (!copiedCache) await writer?.discard(new Error("interrupted while copying the records cache"));
      else await writer?.commit();
    }
  };
  const outcome = steps()
    .then(
      () => channel.close(),
      (error: unknown) => channel.fail(error),
    )
    .then((): RecordsOutcome => ({ ...(run.quota ? { quota: run.quota } : {}), errors: run.errors, breedsDone: run.breedsDone, pages: run.pages }));
  return { records: channel, outcome };
}

/** Step 1: the cache, in its order, copied into the new one; records of breeds not asked for are carried over. */
async function replayCachedRecords(run: RecordsRun, cache: RecordsCacheLocation): Promise<void> {
  const { breeds, perBreed, signal, onBreedDone } = run.options;
  const wanted = new Set(breeds);
  const yielded = new Map<string, number>();
  for await (const line of readCacheLines(cache)) {
    signal?.throwIfAborted();
    if (line.t === "h") continue;
    await run.write(line);
    if (line.t !== "a" || !wanted.has(line.breed)) continue;
    const count = yielded.get(line.breed) ?? 0;
    if (count >= perBreed) continue;
    yielded.set(line.breed, count + 1);
    await run.channel.push({ source: run.options.source, breed: line.breed, record: line.animal });
  }
  for (const breed of breeds) {
    if (run.plans.get(breed)!.complete) {
      run.breedsDone++;
      onBreedDone?.(breed, Math.min(perBreed, yielded.get(breed) ?? 0), "cache");
    }
  }
}

/** Step 2: the API, for the breeds the cache does not complete, `breedConcurrency` at once. */
async function fetchBreedRecords(run: RecordsRun, toFetch: readonly string[]): Promise<void> {
  const limit = pLimit(run.options.breedConcurrency ?? 4);
  await Promise.all(toFetch.map((breed) => limit(fetchOneBreed, run, breed)));
}

/** One breed's pages, from where the cache stopped; an error stops this breed only. */
async function fetchOneBreed(run: RecordsRun, breed: string): Promise<void> {
  const { source, type, perBreed, onBreedDone, onPage } = run.options;
  // After a quota error no new breed starts; the next run continues it.
  if (run.apiSignal.aborted || run.quota) return;
  const from = run.plans.get(breed)!.from;
  let records = from;
  try {
    for await (const page of source.records(breed, { type, from, perBreed, signal: run.apiSignal })) {
      run.pages++;
      for (const record of page.records) await run.channel.push({ source, breed, record });
      records += page.records.length;
      const { exhausted } = page;
      // The page's records and its progress marker, in one write.
      await run.write(...page.records.map((animal): CacheLine => ({ t: "a", breed, animal })), { t: "p", breed, records, exhausted });
      onPage?.(breed, records);
      // Once the quota is spent, stop asking; pages already answered were kept.
      if (run.quota && !exhausted) return;
    }
    run.breedsDone++;
    onBreedDone?.(breed, records, "api");
  } catch (error) {
    if (run.apiSignal.aborted && !run.quota) return;
    const quota = source.quotaOf(error);
    if (quota) {
      // Requests already in flight were counted by the server: let them finish and
      // keep their pages rather than abort them and waste that share of the quota.
      run.quota ??= { ...quota, source: source.name };
      return;
    }
    run.errors.push({ breed, error });
  }
}
