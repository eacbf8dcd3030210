import { createHash } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** One line of the emulator's `/_emulator/truth`. */
export interface TruthRow {
  url: string;
  animal_id: number | string;
  photo: number | string;
  size: string;
  bytes: number;
  sha256: string;
}

/** A download the bench hands to every tool: same URL, same relative path. */
export interface BenchJob {
  url: string;
  key: string;
  bytes: number;
  sha256: string;
}

/** Number of folders the bench spreads files over, about the write-up's breed count. */
const FOLDERS = 60;

/** The emulator's ground truth, narrowed by its query (e.g. `size=full`). */
export async function fetchTruth(emulatorUrl: string, query = ""): Promise<TruthRow[]> {
  const res = await fetch(`${emulatorUrl}/_emulator/truth${query ? `?${query}` : ""}`);
  if (!res.ok) throw new Error(`GET ${emulatorUrl}/_emulator/truth answered ${res.status}`);
  const text = await res.text();
  const rows: TruthRow[] = [];
  for (const line of text.split("\n")) {
    if (line.trim()) rows.push(JSON.parse(line) as TruthRow);
  }
  return rows;
}

/** Full-size photos (no `width=`), the first `count` in truth order, with stable keys. */
export function pickJobs(truth: readonly TruthRow[], count: number, size = "full"): BenchJob[] {
  const jobs: BenchJob[] = [];
  const seen = new Set<string>();
  for (const row of truth) {
    if (row.size !== size || seen.has(row.url)) continue;
    seen.add(row.url);
    const folder = `f${String(Number(row.animal_id) % FOLDERS).padStart(2, "0")}`;
    jobs.push({ url: row.url, key: `${folder}/${row.animal_id}-${row.photo}.jpg`, bytes: row.bytes, sha256: row.sha256 });
    if (jobs.length === count) break;
  }
  return jobs;
}

/** Writes the same job list in the four input formats the tools read. */
export async function writeJobLists(jobs: readonly BenchJob[], dir: string): Promise<{ jsonl: string; tsv: string; aria2: string; txt: string }> {
  await mkdir(dir, { recursive: true });
  const txt = join(dir, "urls.txt");
  const jsonl = join(dir, "jobs.jsonl");
  const tsv = join(dir, "jobs.tsv");
  const aria2 = join(dir, "jobs.aria2");
  await writeFile(jsonl, jobs.map((j) => JSON.stringify({ url: j.url, key: j.key })).join("\n") + "\n");
  await writeFile(tsv, jobs.map((j) => `${j.url}\t${j.key}`).join("\n") + "\n");
  await writeFile(aria2, jobs.map((j) => `${j.url}\n  out=${j.key}`).join("\n") + "\n");
  // `cat-harvest download` reads a plain list and places each file itself
  await writeFile(txt, jobs.map((j) => j.url).join("\n") + "\n");
  return { jsonl, tsv, aria2, txt };
}

export interface VerifyResult {
  ok: number;
  missing: number;
  wrong: number;
  bytes: number;
}

/**
 * Checks every file a tool wrote against the emulator's truth (size, and sha256 for up to
 * `hashLimit` files), outside the timed run, so a fast tool that writes junk is caught.
 */
export async function verifyOutput(jobs: readonly BenchJob[], outDir: string, hashLimit = Infinity): Promise<VerifyResult> {
  const result: VerifyResult = { ok: 0, missing: 0, wrong: 0, bytes: 0 };
  let hashed = 0;
  for (const job of jobs) {
    const path = join(outDir, job.key);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      result.missing++;
      continue;
    }
    if (size !== job.bytes) {
      result.wrong++;
      continue;
    }
    if (hashed < hashLimit) {
      hashed++;
      const digest = createHash("sha256")
        .update(await readFile(path))
        .digest("hex");
      if (digest !== job.sha256) {
        result.wrong++;
        continue;
      }
    }
    result.ok++;
    result.bytes += size;
  }
  return result;
}
