import type { PhotoSource } from "@cat-harvest/photos";
import type { StorageAdapter } from "@cat-harvest/storage";
import { breedRecordsKey } from "./breed-records-key.js";
import { HarvestDatasetError, HarvestError } from "./errors.js";
import { quotaAdvice } from "./harvest.js";
import { readCacheSummary } from "./records-cache.js";
import { breedPlan, streamRecords } from "./source-records.js";

export interface FetchBreedRecordsOptions {
  /** The run's shared storage (DEST). */
  readonly storage: StorageAdapter;
  /** The source, opened with this process's own credentials. */
  readonly source: PhotoSource;
  readonly type: string;
  /** The breed as the source names it. */
  readonly breed: string;
  readonly perBreed: number;
  readonly signal?: AbortSignal;
}

/**
 * One API job of a harvest run as jobs: a breed's records from one source, kept in DEST under
 * `breedRecordsKey` in the records cache's format, each write a whole put. A try that died or
 * failed part-way left the pages it had (with their progress markers): the next try continues
 * from there, and a breed already complete is not asked for again. Throws when the source's
 * quota ran out or a page could not be fetched, so the job is tried again, then parked.
 */
export async function fetchBreedRecords(options: FetchBreedRecordsOptions): Promise<{ records: number; pages: number }> {
  const { storage, source, type, breed, perBreed, signal } = options;
  const cache = { storage, key: breedRecordsKey(source.name, breed) };
  const summary = await readCacheSummary(cache);
  const cached = summary && summary.type === type && summary.source === source.endpoint ? summary : undefined;
  const stream = streamRecords({
    source,
    type,
    allBreeds: [breed],
    breeds: [breed],
    perBreed,
    breedConcurrency: 1,
    cache,
    cached,
    ...(signal ? { signal } : {}),
  });
  let records = 0;
  for await (const _ of stream.records) records++;
  const outcome = await stream.outcome;
  signal?.throwIfAborted();
  if (outcome.quota) throw new HarvestError(`${breed}: ${quotaAdvice(outcome.quota)}`);
  const failed = outcome.errors[0];
  if (failed) throw failed.error;
  // The records cache stops writing quietly when a put fails: here that is the job's failure.
  const stored = (await readCacheSummary(cache))?.progress.get(breed);
  if (!stored || !breedPlan(stored, perBreed).complete)
    throw new HarvestDatasetError(cache.key, `the records of ${source.name}'s ${breed} could not be stored whole; the job is tried again`);
  return { records, pages: outcome.pages };
}
