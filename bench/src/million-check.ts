import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { bulkImageNumber, bulkImageSha256 } from "@cat-harvest/emulator-kit";

/** What the command's `--json` summary says it did (the fields the section reads). */
export interface CommandSummary {
  stored?: number;
  existing?: number;
  failed?: number;
  duplicates?: number;
  records?: number;
  status?: string;
}

/** The last JSON object line of the command's stdout (`--json`), or undefined. */
export function parseSummary(stdout: string): CommandSummary | undefined {
  const last = stdout
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .at(-1);
  if (!last) return undefined;
  try {
    return JSON.parse(last) as CommandSummary;
  } catch {
    return undefined;
  }
}

/** A sample of stored rows checked against the bulk CDN's bytes. */
export interface SampleCheck {
  /** The metadata file the sample was read from, relative to DEST. */
  source: string;
  checked: number;
  wrong: number;
}

/** Metadata files the command writes, in the layouts of before and after the shard engine. */
const METADATA_FILES = ["metadata.jsonl", "00000.jsonl", "_shards/00000.jsonl"];

interface MetadataRow {
  url?: string;
  source_url?: string;
  sha256?: string;
  file_name?: string;
}

/** Whether one metadata row names a bulk image and carries its sha256 (and its file, when listed, has it). */
async function rowIsRight(dest: string, seed: number, row: MetadataRow): Promise<boolean | undefined> {
  const url = row.url ?? row.source_url;
  if (typeof url !== "string" || typeof row.sha256 !== "string") return undefined;
  const n = bulkImageNumber(new URL(url).pathname);
  if (n === undefined) return false;
  const expected = bulkImageSha256(seed, n);
  if (row.sha256 !== expected) return false;
  if (typeof row.file_name !== "string") return true;
  const bytes = await readFile(join(dest, row.file_name)).catch(() => undefined);
  return bytes !== undefined && createHash("sha256").update(bytes).digest("hex") === expected;
}

/**
 * Reads the first `limit` rows of the output's first metadata file (stopping there: never the
 * whole file) and checks each stored row's sha256, and its file when it names one, against
 * the bytes the CDN derives for its URL. Outside the timed run.
 */
export async function checkSample(dest: string, seed: number, limit = 2000): Promise<SampleCheck | undefined> {
  const source = METADATA_FILES.find((f) => existsSync(join(dest, f)));
  if (!source) return undefined;
  const result: SampleCheck = { source, checked: 0, wrong: 0 };
  const lines = createInterface({ input: createReadStream(join(dest, source)), crlfDelay: Infinity });
  for await (const line of lines) {
    if (result.checked >= limit) break;
    if (!line.trim()) continue;
    const right = await rowIsRight(dest, seed, JSON.parse(line) as MetadataRow);
    if (right === undefined) continue;
    result.checked++;
    if (!right) result.wrong++;
  }
  lines.close();
  return result;
}
