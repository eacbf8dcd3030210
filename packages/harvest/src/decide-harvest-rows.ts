import type { PhotoCandidate } from "@cat-harvest/photos";
import type { StorageAdapter } from "@cat-harvest/storage";
import { breedRecordsKey } from "./breed-records-key.js";
import { candidateOptionsOf } from "./candidate-options.js";
import { createPhotoDecider } from "./decide-photo.js";
import { HarvestDatasetError } from "./errors.js";
import type { HarvestPlan } from "./harvest.js";
import { recordFields } from "./record-fields.js";
import { readCacheLines } from "./records-cache.js";
import type { ShardRow } from "./shards/shard-row.js";

export interface DecideHarvestRowsOptions {
  /** The run's shared storage, holding every breed's records (`fetchBreedRecords`). */
  readonly storage: StorageAdapter;
  /** The harvest's plan (`planHarvest`): sources, their breeds, per-breed count, cap, size. */
  readonly plan: HarvestPlan;
  /** The breeds asked for (any case), as given to `planHarvest`; every breed when absent. */
  readonly breeds?: readonly string[] | undefined;
  readonly noColours?: boolean | undefined;
  readonly signal?: AbortSignal;
}

/** The photos to download as shard rows, and what the decision left out. */
export interface HarvestRows {
  /** Sorted by file name, so a photo's copies keep the name that sorts first, as one process keeps. */
  readonly rows: ShardRow[];
  readonly records: number;
  readonly overCap: number;
  readonly repeated: number;
}

/**
 * The decision step of a harvest run as jobs, run once the API jobs are done: every breed's
 * stored records, source by source and breed by breed, turned into candidates and decided by
 * the one-process harvest's own code (`createPhotoDecider`: file names, repeats, the per-breed
 * cap) into shard rows that carry each photo's place and record. Holds the rows (not the records) in memory.
 */
export async function decideHarvestRows(options: DecideHarvestRowsOptions): Promise<HarvestRows> {
  const { storage, plan, signal } = options;
  const decide = createPhotoDecider(emptyDataset(storage), { cap: plan.cap });
  const rows: ShardRow[] = [];
  const tally = { records: 0, overCap: 0, repeated: 0 };
  for (const sourcePlan of plan.sources) {
    const candidateOptions = candidateOptionsOf(plan, sourcePlan, options);
    for (const breed of sourcePlan.breeds) {
      for await (const record of breedRecords(storage, sourcePlan.source.name, breed, plan.perBreed)) {
        signal?.throwIfAborted();
        tally.records++;
        for (const candidate of sourcePlan.source.candidates(record, candidateOptions)) {
          const decision = decide(candidate);
          if (decision.action === "store") rows.push(rowOf(candidate, decision.key, decision.folder));
          else if (decision.action === "skip" && decision.why === "over-cap") tally.overCap++;
          else tally.repeated++;
        }
      }
    }
  }
  rows.sort((a, b) => (a.origin!.file < b.origin!.file ? -1 : a.origin!.file > b.origin!.file ? 1 : 0));
  return { rows: rows.map((row, i) => ({ ...row, line: i + 1 })), ...tally };
}

/** A breed's stored records, at most `perBreed` (as the records cache replays them). */
async function* breedRecords(storage: StorageAdapter, source: string, breed: string, perBreed: number): AsyncGenerator<unknown> {
  const key = breedRecordsKey(source, breed);
  if (!(await storage.stat(key))) throw new HarvestDatasetError(key, `the records of ${source}'s ${breed} are missing: its API job has not run; run it first`);
  let count = 0;
  for await (const line of readCacheLines({ storage, key })) {
    if (line.t !== "a" || line.breed !== breed || count >= perBreed) continue;
    count++;
    yield line.animal;
  }
}

function rowOf(candidate: PhotoCandidate, file: string, folder: string): ShardRow {
  const fields = recordFields(candidate);
  return {
    url: candidate.url,
    label: candidate.breed,
    line: 0,
    origin: { file, folder, animal_id: fields.animal_id, photo: candidate.photo, source: candidate.source ?? "", source_id: fields.source_id ?? null },
  };
}

/** A fresh DEST as the decider sees it: nothing stored, no duplicates known. */
function emptyDataset(storage: StorageAdapter): Parameters<typeof createPhotoDecider>[0] {
  return { storage, counts: () => [], state: () => ({ state: "missing" }), knownDuplicate: () => undefined };
}
