import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";

/**
 * Files left out of the comparison with a one-process run: the queue's shard inputs, and the
 * files that hold timings (`_stats.json`, `_summary.json`). Everything else must be equal byte
 * for byte (as the queue's acceptance test asks).
 */
const NOT_COMPARED = /^_inputs\/|_stats\.json$|^_summary\.json$/;

/** s3rver keeps object `k` as `k._S3rver_object` beside metadata files of its own. */
const S3RVER_OBJECT = "._S3rver_object";

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** A shard's stats, written last: one per finished shard. */
const SHARD_STATS = /^(_shards\/)?\d+_stats\.json$/;

/** A data set's files by key with their sha256, and how many shards have their stats. */
export interface DatasetDigest {
  readonly files: Map<string, string>;
  readonly shardStats: number;
}

/**
 * The sha256 of every file of a data set under `root`, by its key (its path from `root`), minus
 * `NOT_COMPARED`. A folder written by s3rver gives its objects' keys (`s3rver: true`).
 */
export async function digestDataset(root: string, options: { s3rver?: boolean } = {}): Promise<DatasetDigest> {
  const digests = new Map<string, string>();
  let shardStats = 0;
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let key = relative(root, path);
    if (options.s3rver) {
      if (!key.endsWith(S3RVER_OBJECT)) continue;
      key = key.slice(0, -S3RVER_OBJECT.length);
    }
    if (SHARD_STATS.test(key)) shardStats++;
    if (!NOT_COMPARED.test(key)) digests.set(key, await sha256Of(path));
  }
  return { files: digests, shardStats };
}

/** The first difference between two digests (a missing, extra or changed key), or undefined when they are equal. */
export function digestDifference(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>): string | undefined {
  for (const [key, sha] of expected) {
    if (!actual.has(key)) return `${key} is missing`;
    if (actual.get(key) !== sha) return `${key} differs`;
  }
  for (const key of actual.keys()) if (!expected.has(key)) return `${key} is extra`;
  return undefined;
}
