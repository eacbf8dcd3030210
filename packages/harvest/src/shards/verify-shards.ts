import type { StorageAdapter } from "@cat-harvest/storage";
import { drain } from "./drain-body.js";
import { hashStream, type CreateSha256 } from "../hash-stream.js";
import type { VerifyMismatch, VerifyResult } from "../verify.js";
import { readJsonLines } from "../read-lines.js";
import { shardFiles } from "./shard-names.js";
import type { ShardPlan } from "./shard-plan.js";
import type { ShardRowLine } from "./shard-result.js";
import { readShardStats } from "./shard-stats.js";

export interface VerifyShardsOptions {
  readonly signal?: AbortSignal;
  readonly createSha256?: CreateSha256;
  readonly onProgress?: (checked: number) => void;
}

type Tally = { checked: number; ok: number; missing: string[]; corrupted: VerifyMismatch[]; unlisted: string[]; unreadable: VerifyResult["unreadable"] };

/**
 * Checks a `webdataset` destination, reading only: every shard's stored rows (its `.jsonl`) against
 * the members of its tar, streamed, each image re-hashed. A member `00000.tar:<name>` is missing,
 * corrupted (other bytes than its row says) or unlisted (no row names it); an unfinished shard's tar
 * counts as missing.
 */
export async function verifyShards(storage: StorageAdapter, plan: ShardPlan, options: VerifyShardsOptions = {}): Promise<VerifyResult> {
  const tally: Tally = { checked: 0, ok: 0, missing: [], corrupted: [], unlisted: [], unreadable: [] };
  for (let shard = 0; shard < plan.shards; shard++) {
    options.signal?.throwIfAborted();
    const files = shardFiles(plan.format, shard);
    if (!(await readShardStats(storage, files.stats))) {
      tally.missing.push(files.tar);
      continue;
    }
    const expected = await storedRows(storage, files.rows, tally);
    await checkTar(storage, files.tar, expected, tally, options);
  }
  return { ...tally, duplicates: [] };
}

/** The stored rows of a shard's `.jsonl`, by tar member: at most one shard's rows in memory. */
async function storedRows(storage: StorageAdapter, key: string, tally: Tally): Promise<Map<string, ShardRowLine>> {
  const rows = new Map<string, ShardRowLine>();
  const body = await storage.get(key);
  if (!body) {
    tally.unreadable.push({ file: key, line: 0, problem: "missing" });
    return rows;
  }
  const bad = (line: number) => void tally.unreadable.push({ file: key, line, problem: "not JSON" });
  for await (const { value } of readJsonLines(body, bad)) {
    const row = value as ShardRowLine;
    if (row.status === "stored" && typeof row.file === "string") rows.set(row.file, row);
  }
  return rows;
}

async function checkTar(storage: StorageAdapter, tar: string, expected: Map<string, ShardRowLine>, tally: Tally, options: VerifyShardsOptions): Promise<void> {
  const body = await storage.get(tar);
  if (!body) {
    for (const name of expected.keys()) tally.missing.push(`${tar}:${name}`);
    return;
  }
  const { createTarDecoder } = await import("modern-tar");
  const seen = new Set<string>();
  for await (const entry of body.pipeThrough(createTarDecoder())) {
    const name = entry.header.name;
    const row = expected.get(name);
    if (!row) {
      await drain(entry.body);
      if (!isSidecar(name, expected)) tally.unlisted.push(`${tar}:${name}`);
      continue;
    }
    seen.add(name);
    const actual = await hashStream(entry.body, options.signal, options.createSha256);
    tally.checked++;
    if (actual.sha256 === row.sha256 && actual.bytes === row.bytes) tally.ok++;
    else tally.corrupted.push({ file_name: `${tar}:${name}`, expected: { bytes: row.bytes!, sha256: row.sha256! }, actual });
    options.onProgress?.(tally.checked);
  }
  for (const name of expected.keys()) if (!seen.has(name)) tally.missing.push(`${tar}:${name}`);
}

/** A sample's `.json` or `.cls` beside a listed image. */
function isSidecar(name: string, expected: Map<string, ShardRowLine>): boolean {
  const key = name.slice(0, name.indexOf("."));
  const ext = name.slice(key.length);
  if (ext !== ".json" && ext !== ".cls") return false;
  for (const image of [`${key}.jpg`, `${key}.png`, `${key}.gif`, `${key}.webp`]) if (expected.has(image)) return true;
  return false;
}
