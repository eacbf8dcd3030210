import type { StorageAdapter } from "@cat-harvest/storage";
import { collectBody } from "@cat-harvest/storage";
import { HarvestDatasetError, HarvestPlanMismatchError } from "../errors.js";
import { PLAN_FILE } from "./shard-names.js";
import type { ShardPlan } from "./shard-plan.js";

/** The largest plan read back (its labels make it grow). */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

/** The plan stored in DEST, or `undefined` when there is none. */
export async function readShardPlan(storage: StorageAdapter): Promise<ShardPlan | undefined> {
  const body = await storage.get(PLAN_FILE);
  if (!body) return undefined;
  const text = new TextDecoder().decode(await collectBody(body, undefined, { maxBytes: MAX_PLAN_BYTES }));
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (error) {
    throw new HarvestDatasetError(PLAN_FILE, "it is not valid JSON; remove it to start the run over", { cause: error });
  }
  if (typeof plan !== "object" || plan === null || (plan as ShardPlan).version !== 1) {
    throw new HarvestDatasetError(PLAN_FILE, "it is not a version 1 shard plan; write into a new destination");
  }
  return plan as ShardPlan;
}

/** The first field two plans differ in, or `undefined` when they are the same run. */
export function planDifference(stored: ShardPlan, given: ShardPlan): { field: string; stored: unknown; given: unknown } | undefined {
  const fields: Array<[string, unknown, unknown]> = [
    ["format", stored.format, given.format],
    ["shardSize", stored.shardSize, given.shardSize],
    [
      "input",
      stored.input && { bytes: stored.input.bytes, sha256: stored.input.sha256 },
      given.input && { bytes: given.input.bytes, sha256: given.input.sha256 },
    ],
    ["rows", stored.rows, given.rows],
    ["labels", stored.labels, given.labels],
  ];
  for (const [field, a, b] of fields) if (JSON.stringify(a) !== JSON.stringify(b)) return { field, stored: a, given: b };
  return undefined;
}

/**
 * Stores `plan` as DEST's `_plan.json`, or checks it against the one stored there: a run of
 * another input, format or shard size is refused with `HarvestPlanMismatchError`, before
 * anything is written.
 */
export async function claimShardPlan(storage: StorageAdapter, plan: ShardPlan, location = storage.name): Promise<ShardPlan> {
  const stored = await readShardPlan(storage);
  if (stored) {
    const difference = planDifference(stored, plan);
    if (difference) throw new HarvestPlanMismatchError(location, difference.field, difference.stored, difference.given);
    return stored;
  }
  await storage.put(PLAN_FILE, new TextEncoder().encode(`${JSON.stringify(plan, null, 2)}\n`));
  return plan;
}
