import type { StorageAdapter } from "@cat-harvest/storage";
import { SPOOL_PREFIX } from "./shard-names.js";

/**
 * Removes what attempts that died mid-shard left under `_spool/` (each attempt spools into a
 * folder of its own, so a redo never overwrites them). Called once every shard is finished, so
 * no attempt still needs its bodies; a storage that cannot list keeps them.
 */
export async function removeSpoolLeftovers(storage: StorageAdapter): Promise<number> {
  if (!storage.capabilities.list) return 0;
  const keys: string[] = [];
  for await (const { key } of storage.list(SPOOL_PREFIX)) keys.push(key);
  for (const key of keys) await storage.delete(key);
  return keys.length;
}
