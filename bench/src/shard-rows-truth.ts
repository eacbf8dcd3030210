import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { bulkImageNumber, bulkImageSha256 } from "@cat-harvest/emulator-kit";

/** Every shard row of a data set checked against the bulk CDN's bytes. */
export interface RowsTruth {
  rows: number;
  stored: number;
  /** Stored rows whose sha256 is not the one the CDN derives for their URL. */
  wrong: number;
}

/** Where each format keeps its shard rows: `00000.jsonl` beside the tars, or `_shards/00000.jsonl`. */
function rowFolder(root: string, format: string): string {
  return format === "webdataset" ? root : join(root, "_shards");
}

/** Reads every shard's rows (a bench-sized data set: whole files) and checks each stored row's sha256 against the bulk CDN's. */
export async function checkRowsAgainstCdn(root: string, format: string, seed: number): Promise<RowsTruth> {
  const truth: RowsTruth = { rows: 0, stored: 0, wrong: 0 };
  const folder = rowFolder(root, format);
  for (const name of (await readdir(folder)).filter((n) => /^\d+\.jsonl$/.test(n))) {
    for (const line of (await readFile(join(folder, name), "utf8")).split("\n")) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { url: string; status: string; sha256?: string };
      truth.rows++;
      if (row.status !== "stored") continue;
      truth.stored++;
      const n = bulkImageNumber(new URL(row.url).pathname);
      if (n === undefined || row.sha256 !== bulkImageSha256(seed, n)) truth.wrong++;
    }
  }
  return truth;
}
