import { PetfinderError, PetfinderQuotaError, type Animal, type PetfinderClient } from "@cat-harvest/petfinder";
import type { StorageAdapter } from "@cat-harvest/storage";
import pLimit from "p-limit";
import { createChannel } from "./channel.js";
import { readLines } from "./read-lines.js";

/** Records asked for per page: the API's maximum, fixed so a partial breed can continue where it stopped. */
export const RECORDS_PAGE_SIZE = 100;
/**
 * Pages of a breed requested ahead of the one being read: a breed of 15 pages then takes
 * about 8 round trips, so the last breeds do not leave the API phase waiting on one chain of
 * requests (the client's requests-per-second ceiling still holds). More pages in flight let
 * more of them reach a busy server at once, inside one of its rate-limit windows: measured
 * at 2 ahead, 1 x 429 in 15 whole harvests; at 1, none in 6.
 */
const PAGES_AHEAD = 1;
const CACHE_VERSION = 1;

/** Where the fetched records are kept between runs (gzip-compressed JSON lines). */
export interface RecordsCacheLocation {
  readonly storage: StorageAdapter;
  readonly key: string;
}

/** One fetched record and the breed search it came from. */
export interface BreedRecord {
  readonly breed: string;
  readonly animal: Animal;
}

type CacheLine =
  | { t: "h"; v: number; source: string; type: string; breeds: string[] }
  | { t: "a"; breed: string; animal: Animal }
  | { t: "p"; breed: string; records: number; exhausted: boolean };

interface BreedProgress {
  records: number;
  exhausted: boolean;
}

/** What the cache holds, read without keeping records in memory. */
export interface CachedRecordsSummary {
  /** The API root the records came from: photo URLs point at its CDN. */
  readonly source: string;
  readonly type: string;
  readonly breeds: readonly string[];
  readonly progress: ReadonlyMap<string, BreedProgress>;
}

/** Reads just the header and progress markers of a records cache, or `undefined` when there is none (or it is unreadable). */
export async function readCacheSummary(cache: RecordsCacheLocation): Promise<CachedRecordsSummary | undefined> {
  let header: { source: string; type: string; breeds: string[] } | undefined;
  const progress = new Map<string, BreedProgress>();
  try {
    for await (const line of cacheLines(cache)) {
      if (line.t === "h") {
        if (line.v !== CACHE_VERSION) return undefined;
        header = { source: line.source, type: line.type, breeds: line.breeds };
      } else if (line.t === "p") progress.set(line.breed, { records: line.records, exhausted: line.exhausted });
    }
  } catch {
    return undefined; // A cache that cannot be read is only a cache: fetch again.
  }
  return header && { ...header, progress };
}

async function* cacheLines(cache: RecordsCacheLocation): AsyncGenerator<CacheLine> {
  const stat = await cache.storage.stat(cache.key);
  if (!stat) return;
  const body = await cache.storage.get(cache.key);
  if (!body) return;
  for await (const text of readLines(body.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>))) {
    if (text !== "") yield JSON.parse(text) as CacheLine;
  }
}

/** How a breed stands after the cache: complete for this run, or to continue at a record count. */
export function breedPlan(progress: BreedProgress | undefined, perBreed: number): { complete: boolean; from: number } {
  if (!progress) return { complete: false, from: 0 };
  if (progress.exhausted || progress.records >= perBreed) return { complete: true, from: progress.records };
  return { complete: false, from: progress.records };
}

export interface StreamRecordsOptions {
  /** The API root the records come from (kept in the cache's header). */
  readonly source: string;
  /** Needed unless the cache covers every breed. */
  readonly client?: Pick<PetfinderClient, "animalPages"> | undefined;
  readonly type: string;
  /** Every breed of the type (kept in the cache so a re-run needs no breeds call). */
  readonly allBreeds: readonly string[];
  /** The breeds to harvest. */
  readonly breeds: readonly string[];
  readonly perBreed: number;
  /** Breeds fetched at once. @default 4 */
  readonly breedConcurrency?: number;
  readonly cache?: RecordsCacheLocation | undefined;
  /** What `readCacheSummary` found, when the cache is to be used (not --refresh). */
  readonly cached?: CachedRecordsSummary | undefined;
  readonly signal?: AbortSignal;
  /** A breed's records are all in (from the cache or the API). */
  readonly onBreedDone?: (breed: string, records: number, source: "cache" | "api") => void;
  /** An API page arrived. */
  readonly onPage?: (breed: string, records: number) => void;
}

/** The outcome of the API phase, known once the record stream has ended. */
export interface RecordsOutcome {
  /** The daily quota ran out; breeds not done continue on the next run. */
  readonly quota?: PetfinderQuotaError;
  /** Another API failure that stopped some breeds (they continue on the next run). */
  readonly errors: ReadonlyArray<{ readonly breed: string; readonly error: unknown }>;
  /** Breeds whose records are all in. */
  readonly breedsDone: number;
  /** API pages fetched. */
  readonly pages: number;
}

/**
 * Streams the records of every asked breed: first those kept in the cache, then the rest
 * from the API (several breeds at once, each page handed on as it arrives), while writing
 * a new cache beside the data set. A quota error stops the API phase cleanly; whatever
 * arrived is kept.
 */
export function streamRecords(options: StreamRecordsOptions): { records: AsyncIterable<BreedRecord>; outcome: Promise<RecordsOutcome> } {
  const { client, type, breeds, perBreed, cache, cached, signal, onBreedDone, onPage } = options;
  const breedConcurrency = options.breedConcurrency ?? 4;
  const channel = createChannel<BreedRecord>(2 * RECORDS_PAGE_SIZE);
  const wanted = new Set(breeds);
  const errors: Array<{ breed: string; error: unknown }> = [];
  let quota: PetfinderQuotaError | undefined;
  let breedsDone = 0;
  let pages = 0;
  let resolveOutcome!: (outcome: RecordsOutcome) => void;
  const outcome = new Promise<RecordsOutcome>((resolve) => (resolveOutcome = resolve));
  const api = new AbortController();
  const onAbort = () => api.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });

  const plans = new Map(breeds.map((b) => [b, breedPlan(cached?.progress.get(b), perBreed)] as const));
  const toFetch = breeds.filter((b) => !plans.get(b)!.complete);

  const run = async () => {
    let writer: WritableStreamDefaultWriter<string> | undefined;
    let stored: Promise<void> | undefined;
    if (toFetch.length > 0 && cache) {
      // Up to 64 writes (a page of records each) wait in the stream, so the API calls never
      // wait for the disk, which the downloads keep busy.
      const text = new TransformStream<string, string>(undefined, { highWaterMark: 64 });
      writer = text.writable.getWriter();
      const body = text.readable.pipeThrough(new TextEncoderStream()).pipeThrough(new CompressionStream("gzip"));
      stored = cache.storage.put(cache.key, body, { contentType: "application/gzip" });
      stored.catch(() => {});
      await writer.write(JSON.stringify({ t: "h", v: CACHE_VERSION, source: options.source, type, breeds: options.allBreeds }) + "\n");
    }
    // A cache that cannot be written only costs API calls next time: stop writing it, go on.
    // A write waits only while the stream is full, not for its lines to reach the disk.
    const write = async (...lines: CacheLine[]) => {
      const current = writer;
      if (!current) return;
      try {
        await current.ready;
      } catch {
        writer = undefined;
        return;
      }
      let text = "";
      for (const line of lines) text += JSON.stringify(line) + "\n";
      current.write(text).catch(() => {
        if (writer === current) writer = undefined;
      });
    };
    let copiedCache = !cached;

    try {
      // 1. The cache, in its order; records of breeds not asked for are carried over.
      if (cached && cache) {
        const yielded = new Map<string, number>();
        for await (const line of cacheLines(cache)) {
          signal?.throwIfAborted();
          if (line.t === "h") continue;
          await write(line);
          if (line.t !== "a" || !wanted.has(line.breed)) continue;
          const count = yielded.get(line.breed) ?? 0;
          if (count >= perBreed) continue;
          yielded.set(line.breed, count + 1);
          await channel.push({ breed: line.breed, animal: line.animal });
        }
        copiedCache = true;
        for (const breed of breeds) {
          if (plans.get(breed)!.complete) {
            breedsDone++;
            onBreedDone?.(breed, Math.min(perBreed, yielded.get(breed) ?? 0), "cache");
          }
        }
      }

      // 2. The API, for breeds the cache does not complete.
      if (toFetch.length > 0) {
        if (!client) throw new TypeError("streamRecords: a client is needed to fetch breeds the cache does not hold");
        const fetchBreed = async (breed: string) => {
          // After a quota error no new breed starts; the next run continues it.
          if (api.signal.aborted || quota) return;
          const from = plans.get(breed)!.from;
          let records = from;
          const skip = from % RECORDS_PAGE_SIZE;
          try {
            const iterator = client.animalPages(
              { type, breed, limit: RECORDS_PAGE_SIZE, page: Math.floor(from / RECORDS_PAGE_SIZE) + 1 },
              { maxRecords: perBreed - from + skip, signal: api.signal, prefetch: PAGES_AHEAD },
            );
            let first = true;
            let exhausted = false;
            let stoppedByQuota = false;
            for await (const page of iterator) {
              pages++;
              const animals = first ? page.animals.slice(skip) : page.animals;
              first = false;
              for (const animal of animals) await channel.push({ breed, animal });
              records += animals.length;
              exhausted = page.animals.length === 0 || page.pagination.current_page >= page.pagination.total_pages;
              // The page's records and its progress marker, in one write.
              await write(...animals.map((animal): CacheLine => ({ t: "a", breed, animal })), { t: "p", breed, records, exhausted });
              onPage?.(breed, records);
              // Once the quota is spent, stop asking; pages already answered were kept.
              if (quota && !exhausted) {
                stoppedByQuota = true;
                break;
              }
            }
            if (stoppedByQuota) return;
            breedsDone++;
            onBreedDone?.(breed, records, "api");
          } catch (error) {
            if (api.signal.aborted && !quota) return;
            if (error instanceof PetfinderQuotaError || (PetfinderError.isInstance(error) && error.name === "PetfinderQuotaError")) {
              // Requests already in flight were counted by the server: let them finish and
              // keep their pages rather than abort them and waste that share of the quota.
              quota ??= error as PetfinderQuotaError;
              return;
            }
            errors.push({ breed, error });
          }
        };
        const limit = pLimit(breedConcurrency);
        await Promise.all(toFetch.map((breed) => limit(fetchBreed, breed)));
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      if (writer && !copiedCache) {
        // Stopped while copying the old cache: keep the old one rather than a part of it.
        await writer.abort(new Error("interrupted while copying the records cache")).catch(() => {});
        await stored?.catch(() => {});
      } else if (writer) {
        // Closing (not aborting) commits what arrived, so an interrupted run keeps its records.
        await writer.close().catch(() => {});
        await stored?.catch(() => {});
      }
    }
  };

  run().then(
    () => {
      channel.close();
      resolveOutcome({ ...(quota ? { quota } : {}), errors, breedsDone, pages });
    },
    (error: unknown) => {
      channel.fail(error);
      resolveOutcome({ ...(quota ? { quota } : {}), errors, breedsDone, pages });
    },
  );
  return { records: channel, outcome };
}
