import type { StorageAdapter } from "@cat-harvest/storage";
import { METADATA_FILE, isOwnKey, type MetadataRow } from "./dataset-files.js";
import { HarvestDatasetError } from "./errors.js";
import { FingerprintSet } from "./fingerprint-set.js";
import { textFingerprint } from "./fingerprint.js";
import { hashStream, type CreateSha256 } from "./hash-stream.js";
import { readMetadataRows, type UnreadableLine } from "./read-metadata.js";
import { readShardPlan } from "./shards/store-plan.js";
import { verifyShards } from "./shards/verify-shards.js";

export interface VerifyOptions {
  readonly signal?: AbortSignal;
  /** Files checked at once. @default 4 */
  readonly concurrency?: number;
  /** The SHA-256 files are hashed with. @default the downloader's `createDefaultSha256` */
  readonly createSha256?: CreateSha256;
  /** Called after each checked file. */
  readonly onProgress?: (checked: number) => void;
}

/** A stored file whose bytes do not match metadata.jsonl. */
export interface VerifyMismatch {
  readonly file_name: string;
  readonly expected: { readonly bytes: number; readonly sha256: string };
  readonly actual: { readonly bytes: number; readonly sha256: string };
}

export interface VerifyResult {
  /** Lines of metadata.jsonl checked. */
  readonly checked: number;
  readonly ok: number;
  /** Listed but not stored. */
  readonly missing: string[];
  /** Stored with other bytes than listed. */
  readonly corrupted: VerifyMismatch[];
  /** Stored but not listed (left by an interrupted run; the next run re-hashes them and keeps each whole image, or downloads it over). */
  readonly unlisted: string[];
  /** Listed more than once. */
  readonly duplicates: string[];
  /** Lines of metadata.jsonl that cannot be read (cut short, garbage): skipped, their files counted as unlisted. */
  readonly unreadable: UnreadableLine[];
}

/**
 * Re-reads every file metadata.jsonl lists and checks it exists with the listed length and
 * sha256; also reports stored files the metadata does not list, and lines of it that cannot be
 * read (every whole line is still checked). A `webdataset` destination (its `_plan.json` says so)
 * is checked shard by shard instead (`verifyShards`: each tar member against its shard's rows).
 * Reads only. Throws `HarvestDatasetError` when there is no metadata.jsonl and no such plan.
 *
 * @example
 * const result = await verifyDataset(createFsStorage({ root: "./cat_breeds" }));
 * if (result.missing.length || result.corrupted.length) process.exitCode = 1;
 */
export async function verifyDataset(storage: StorageAdapter, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { signal, onProgress } = options;
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`verifyDataset: concurrency must be a positive integer, got ${concurrency}`);
  if (!storage.capabilities.read) throw new HarvestDatasetError(METADATA_FILE, `${storage.name} storage cannot read objects back, so it cannot be verified`);
  const plan = await readShardPlan(storage);
  if (plan?.format === "webdataset") return verifyShards(storage, plan, options);
  if (!(await storage.stat(METADATA_FILE))) throw new HarvestDatasetError(METADATA_FILE, "there is none; is this the destination of a harvest?");

  // Fingerprints, not names: the metadata streams past and only problems are kept.
  const listed = new FingerprintSet();
  const missing: string[] = [];
  const corrupted: VerifyMismatch[] = [];
  const duplicates: string[] = [];
  const unreadable: UnreadableLine[] = [];
  let checked = 0;
  let ok = 0;
  const running = new Set<Promise<void>>();

  const check = async (row: MetadataRow) => {
    const stored = await storage.get(row.file_name);
    if (!stored) {
      missing.push(row.file_name);
    } else {
      const actual = await hashStream(stored, signal, options.createSha256);
      if (actual.sha256 === row.sha256 && actual.bytes === row.bytes) ok++;
      else corrupted.push({ file_name: row.file_name, expected: { bytes: row.bytes, sha256: row.sha256 }, actual });
    }
    checked++;
    onProgress?.(checked);
  };

  for await (const row of readMetadataRows(storage, METADATA_FILE, (line) => void unreadable.push(line))) {
    signal?.throwIfAborted();
    if (listed.add(textFingerprint(row.file_name)) !== -1) {
      duplicates.push(row.file_name);
      continue;
    }
    const task: Promise<void> = check(row).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= concurrency) await Promise.race(running);
  }
  await Promise.all(running);

  const unlisted: string[] = [];
  if (storage.capabilities.list) {
    for await (const info of storage.list()) if (!listed.has(textFingerprint(info.key)) && !isOwnKey(info.key)) unlisted.push(info.key);
  }
  missing.sort();
  corrupted.sort((a, b) => a.file_name.localeCompare(b.file_name));
  unlisted.sort();
  return { checked, ok, missing, corrupted, unlisted, duplicates, unreadable };
}
