import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { BenchJob, VerifyResult } from "./jobs.js";

/** One row of a shard's `.jsonl`, as `cat-harvest download` writes it (the fields checked here). */
interface ShardLine {
  key: string;
  url: string;
  status: string;
  file?: string;
  bytes?: number;
  sha256?: string;
  /** A `duplicate` row: the file (or tar member) of the stored row with the same bytes. */
  duplicate_of?: string;
}

/** `--format files` keeps its shard rows in `_shards/`, `webdataset` beside the tars. */
async function shardLines(outDir: string, format: "files" | "webdataset"): Promise<{ dir: string; names: string[] }> {
  const dir = format === "files" ? join(outDir, "_shards") : outDir;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^\d{5}\.jsonl$/.test(n)).sort();
  return { dir, names };
}

/** Reads a ustar file's members (name and bytes): 512-byte headers, sizes in octal, data padded to 512. */
export function tarMembers(tar: Uint8Array): Map<string, Uint8Array> {
  const members = new Map<string, Uint8Array>();
  const text = (from: number, length: number) => new TextDecoder().decode(tar.subarray(from, from + length)).replace(/\0.*$/s, "");
  for (let at = 0; at + 512 <= tar.length;) {
    const name = text(at, 100);
    if (name === "") break;
    const prefix = text(at + 345, 155);
    const size = Number.parseInt(text(at + 124, 12).trim() || "0", 8);
    members.set(prefix ? `${prefix}/${name}` : name, tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return members;
}

/** A shard's image members by sample key (keys are dot-free; `.json` and `.cls` members left out). */
function tarImages(tar: Uint8Array): Map<string, Uint8Array> {
  const images = new Map<string, Uint8Array>();
  for (const [name, bytes] of tarMembers(tar)) if (!/\.(json|cls)$/.test(name)) images.set(name.slice(0, name.indexOf(".")), bytes);
  return images;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Checks what `cat-harvest download` stored against the emulator's truth, outside the timed run:
 * every stored row's sha256 and size must be its URL's, and so must the bytes of its file
 * (`files`) or of its tar member `<key>.<ext>` (`webdataset`), each hashed whole. A job whose
 * bytes repeat an earlier job's (the emulator's list has a few) is right as a `duplicate` row
 * with its sha256, naming a stored row found right. A job with no such row counts as missing.
 */
export async function verifyCommandOutput(jobs: readonly BenchJob[], outDir: string, format: "files" | "webdataset"): Promise<VerifyResult> {
  const byUrl = new Map(jobs.map((j) => [j.url, j]));
  const result: VerifyResult = { ok: 0, missing: 0, wrong: 0, bytes: 0 };
  const { dir, names } = await shardLines(outDir, format);
  const duplicates: ShardLine[] = [];
  const rightFiles = new Set<string>();
  for (const name of names) {
    const rows = (await readFile(join(dir, name), "utf8"))
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as ShardLine);
    const images = format === "webdataset" ? tarImages(await readFile(join(outDir, name.replace(".jsonl", ".tar")))) : undefined;
    for (const row of rows) {
      const job = byUrl.get(row.url);
      if (job && row.status === "duplicate") duplicates.push(row);
      if (!job || row.status !== "stored") continue;
      byUrl.delete(row.url);
      const bytes = images ? images.get(row.key) : await readFile(join(outDir, row.file ?? "")).catch(() => undefined);
      if (row.sha256 !== job.sha256 || row.bytes !== job.bytes || !bytes || bytes.length !== job.bytes || sha256(bytes) !== job.sha256) {
        result.wrong++;
        continue;
      }
      result.ok++;
      result.bytes += bytes.length;
      if (row.file !== undefined) rightFiles.add(row.file);
    }
  }
  for (const row of duplicates) {
    const job = byUrl.get(row.url)!;
    byUrl.delete(row.url);
    if (row.sha256 === job.sha256 && row.duplicate_of !== undefined && rightFiles.has(row.duplicate_of)) result.ok++;
    else result.wrong++;
  }
  result.missing = byUrl.size;
  return result;
}
