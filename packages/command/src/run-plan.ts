import type { StorageAdapter } from "@cat-harvest/storage";
import { CommandUsageError } from "./errors.js";
import type { RunPlan } from "./shard-engine.js";

/** Where a sharded run keeps its plan: the run's identity, read by every worker. */
export const PLAN_KEY = "_plan.json";

/**
 * Stores the plan when DEST has none; when it has one, it must be the same plan, or the
 * enqueue is refused with what differs and the fix (nothing stored is touched).
 */
export async function storeRunPlan(storage: StorageAdapter, plan: RunPlan): Promise<void> {
  const stored = await readRunPlan(storage);
  if (!stored) {
    await storage.put(PLAN_KEY, new TextEncoder().encode(`${JSON.stringify(plan, null, 2)}\n`), { contentType: "application/json" });
    return;
  }
  const differs = (Object.keys(plan) as (keyof RunPlan)[]).filter((key) => JSON.stringify(stored[key]) !== JSON.stringify(plan[key]));
  if (differs.length > 0) {
    const what = differs.map((key) => `${key} ${JSON.stringify(stored[key])} there, ${JSON.stringify(plan[key])} now`).join("; ");
    throw new CommandUsageError(
      "out",
      `--out already holds a run of another plan (${what}). Give another --out, or the same --input and flags as that run to resume it.`,
    );
  }
}

/** The stored plan, or `undefined` when DEST has none. */
export async function readRunPlan(storage: StorageAdapter): Promise<RunPlan | undefined> {
  const body = await storage.get(PLAN_KEY);
  return body ? (JSON.parse(await new Response(body).text()) as RunPlan) : undefined;
}
