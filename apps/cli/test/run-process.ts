import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir } from "node:fs/promises";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..", "..");
export const BUN = join(ROOT, "node_modules", ".bin", "bun");
export const DENO = join(ROOT, "node_modules", ".bin", "deno");
export const CLI = join(ROOT, "apps", "cli", "dist", "cli.js");
export const DENO_SCRIPT = join(ROOT, "apps", "deno", "harvest.ts");

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts a command with a clean environment (PATH plus `env`), collecting its output. */
export function start(command: string, args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const done = new Promise<Finished>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child: child as ChildProcess, done, output: () => stdout + stderr };
}

export const run = (command: string, args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}) =>
  start(command, args, options).done;

/** The emulator's ground truth: photo URL -> sha256 and length. */
export async function fetchTruth(url: string): Promise<Map<string, { sha256: string; bytes: number }>> {
  const text = await (await fetch(`${url}/_emulator/truth`)).text();
  const truth = new Map<string, { sha256: string; bytes: number }>();
  for (const line of text.split("\n")) {
    if (!line) continue;
    const row = JSON.parse(line) as { url: string; sha256: string; bytes: number };
    truth.set(row.url, row);
  }
  return truth;
}

export interface MetadataLine {
  file_name: string;
  breed: string;
  animal_id: number | null;
  source_url: string;
  bytes: number;
  sha256: string;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export const jsonLines = <T>(text: string): T[] =>
  text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

/**
 * Checks a data set read through `read(key)`: every metadata line names a distinct file
 * whose bytes hash to what the line and the emulator's truth say. Returns the lines.
 */
export async function expectMatchesTruth(
  read: (key: string) => Promise<Uint8Array | undefined>,
  truth: Map<string, { sha256: string; bytes: number }>,
): Promise<MetadataLine[]> {
  const metadataBytes = await read("metadata.jsonl");
  if (!metadataBytes) throw new Error("metadata.jsonl is missing");
  const rows = jsonLines<MetadataLine>(new TextDecoder().decode(metadataBytes));
  const names = new Set<string>();
  for (const row of rows) {
    if (names.has(row.file_name)) throw new Error(`${row.file_name} is listed twice`);
    names.add(row.file_name);
    const bytes = await read(row.file_name);
    if (!bytes) throw new Error(`${row.file_name} is listed but missing`);
    const expected = truth.get(row.source_url);
    if (!expected) throw new Error(`${row.source_url} is not a URL the emulator served`);
    if (sha256(bytes) !== expected.sha256 || bytes.byteLength !== expected.bytes) throw new Error(`${row.file_name} differs from the emulator's bytes`);
    if (row.sha256 !== expected.sha256 || row.bytes !== expected.bytes) throw new Error(`${row.file_name}: metadata.jsonl disagrees with the emulator`);
  }
  return rows;
}

export const readFromFolder = (root: string) => (key: string) =>
  readFile(join(root, key)).then(
    (b) => new Uint8Array(b),
    () => undefined,
  );

/**
 * Extracts a .tar.gz with GNU tar into `out` and checks it as `expectMatchesTruth` does, and
 * that no name is in it twice. Returns the metadata lines.
 */
export async function expectGnuTarMatchesTruth(archive: string, out: string, truth: Map<string, { sha256: string; bytes: number }>): Promise<MetadataLine[]> {
  await mkdir(out);
  execFileSync("tar", ["-xzf", archive, "-C", out]);
  const rows = await expectMatchesTruth(readFromFolder(out), truth);
  const names = execFileSync("tar", ["-tzf", archive], { encoding: "utf8" }).split("\n").filter(Boolean);
  if (names.length !== new Set(names).size) throw new Error(`${archive} holds a name twice`);
  return rows;
}

/** Every file under a folder, relative, with / separators, sorted. */
export async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name).slice(root.length + 1));
  }
  return out.sort();
}
