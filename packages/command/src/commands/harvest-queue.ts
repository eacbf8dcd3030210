import { METADATA_FILE, PLAN_FILE, planHarvest, type HarvestPlan } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import type { ApiJobSpec } from "@cat-harvest/queue";
import { sleep } from "@cat-harvest/http";
import type { CommandIO } from "../command-io.js";
import { EXIT_OK, EXIT_PARTIAL } from "../exit-codes.js";
import { CommandUsageError } from "../errors.js";
import { inFlagLanguage } from "../flag-language.js";
import { openGatedSource, type GatedSource } from "../gated-source.js";
import { KEYED_SOURCES, keyOf } from "../keyed-sources.js";
import { loadQueue } from "../load-queue.js";
import type { ParsedCommand, QueueFlags } from "../parse-command-line.js";
import { queueSettings, type QueueSettings } from "../queue-connection.js";
import { sharedDestination } from "../shared-destination.js";
import { withSharedStorage } from "../shared-storage.js";
import { advanceHarvest } from "./harvest-queue-step.js";

export type HarvestQueueFlags = Extract<ParsedCommand, { command: "harvest" }> & QueueFlags & { readonly out: string };

/** How often `--wait` looks at the run again. */
const WAIT_POLL_MS = 2000;

/**
 * `cat-harvest [harvest] --source S[,S] --out DEST --queue URL`: the harvest as jobs. Each run
 * of it advances the run one step and says what is left: it queues the API phase (one job per
 * source and breed, on one queue per source, the workers sharing each source's polite rate);
 * once every API job is done it decides the photos over the stored records (the one-process
 * harvest's own decision) and queues them as download shards; once every shard is done it
 * finishes the data set (metadata.jsonl, failures.jsonl, breeds.csv, SOURCES.md, the report).
 * `--wait` stays and does each step as the jobs end. Its own key lists each source's breeds (one request per source).
 */
export async function harvestToQueue(parsed: HarvestQueueFlags, io: CommandIO): Promise<number> {
  const dest = parsed.out;
  const out = sharedDestination(dest);
  const queue = await loadQueue();
  const settings = queueSettings(queue, parsed, io.env);
  const sources = await openEnqueueSources(queue, settings, parsed, io);
  try {
    return await withSharedStorage(dest, io.env, async (storage, opened) => {
      await refuseOneProcessDataset(storage, opened.description);
      const plan = await planHarvest({ sources: sources.map((s) => s.source), type: parsed.type, ...planFlags(parsed), signal: io.signal });
      const run = { parsed, io, queue, settings, plan, storage, out, dest, description: opened.description, runId: await queue.runIdOf(out) };
      let step = await advanceHarvest({ ...run, jobs: apiJobs(plan, parsed), requeueFailed: true });
      while (parsed.wait && !step.finished && step.parked === 0) {
        await sleep(WAIT_POLL_MS, io.signal);
        step = await advanceHarvest({ ...run, jobs: apiJobs(plan, parsed), requeueFailed: false, quiet: true });
      }
      if (parsed.wait && step.parked > 0)
        io.stderr(`${step.parked} jobs are parked as failed: \`cat-harvest status\` shows why; run this command again to queue them again`);
      return step.finished && step.finished.failed > 0 ? EXIT_PARTIAL : EXIT_OK;
    });
  } catch (error) {
    throw inFlagLanguage(error);
  } finally {
    await Promise.all(sources.map((s) => s.close()));
  }
}

/** The enqueue's own sources (its keys), their requests through each source's shared ceiling too. */
async function openEnqueueSources(
  queue: Awaited<ReturnType<typeof loadQueue>>,
  settings: QueueSettings,
  parsed: HarvestQueueFlags,
  io: CommandIO,
): Promise<GatedSource[]> {
  const specs = parsed.sources.map((name) => KEYED_SOURCES.find((s) => s.name === name)!);
  const keys = specs.map((spec) => keyOf(spec, parsed, io));
  const opened: GatedSource[] = [];
  try {
    for (const [i, spec] of specs.entries()) opened.push(await openGatedSource(queue, settings, spec, keys[i]!, parsed.apiUrls?.[spec.name]));
    return opened;
  } catch (error) {
    await Promise.all(opened.map((s) => s.close()));
    throw error;
  }
}

/** A folder a one-process harvest wrote (metadata.jsonl, no `_plan.json`) is not rewritten by a run as jobs. */
async function refuseOneProcessDataset(storage: StorageAdapter, description: string): Promise<void> {
  if ((await storage.stat(PLAN_FILE)) || !(await storage.stat(METADATA_FILE))) return;
  throw new CommandUsageError(
    "out",
    `${description} holds a data set harvested in one process (metadata.jsonl without _plan.json), which a run with --queue would rewrite; give --out a new DEST, or harvest into this one without --queue`,
  );
}

function planFlags(parsed: HarvestQueueFlags) {
  return {
    breeds: parsed.breeds,
    ...(parsed.perBreed !== undefined ? { perBreed: parsed.perBreed } : {}),
    ...(parsed.cap !== undefined ? { cap: parsed.cap } : {}),
    ...(parsed.size !== undefined ? { size: parsed.size } : {}),
    noColours: parsed.noColours,
  };
}

/** One API job per source and breed, in the harvest's order. */
function apiJobs(plan: HarvestPlan, parsed: HarvestQueueFlags): ApiJobSpec[] {
  return plan.sources.flatMap(({ source, breeds }) =>
    breeds.map((breed) => ({
      source: source.name,
      apiRoot: parsed.apiUrls?.[source.name] ?? null,
      type: plan.type,
      breed,
      perBreed: plan.perBreed,
      size: plan.size,
    })),
  );
}
