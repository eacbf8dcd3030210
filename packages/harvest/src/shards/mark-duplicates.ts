import type { RowOutcome } from "./shard-result.js";

/**
 * Marks later copies within a shard, in row order (never completion order): a stored row whose
 * content `scopeOf(index)` + sha256 an earlier row holds becomes `duplicate`, `duplicate_of`
 * that row's name. Returns each duplicate's index with its holder's (their bodies are to be dropped).
 */
export function markDuplicates(
  outcomes: RowOutcome[],
  scopeOf: (index: number) => string,
  nameOf: (index: number) => string,
): Array<[duplicate: number, holder: number]> {
  const holders = new Map<string, number>();
  const dropped: Array<[number, number]> = [];
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i];
    if (outcome?.status !== "stored") continue;
    const id = `${scopeOf(i)}\u0000${outcome.sha256}`;
    const holder = holders.get(id);
    if (holder === undefined) {
      holders.set(id, i);
      continue;
    }
    outcomes[i] = { status: "duplicate", bytes: outcome.bytes, sha256: outcome.sha256, duplicate_of: nameOf(holder), attempts: outcome.attempts };
    dropped.push([i, holder]);
  }
  return dropped;
}
