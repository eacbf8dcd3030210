import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program and resolves with its exit code and output, whatever the code. */
export function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { ...options, maxBuffer: 256 * 1024 * 1024, encoding: "utf8", env: { ...process.env, LC_ALL: "C.UTF-8" } },
      (error, stdout, stderr) => {
        if (error && typeof (error as { code?: unknown }).code !== "number") return reject(error);
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
      },
    );
  });
}

/** GNU tar's listing of the archive (names only), failing on any exit code other than 0 or any stderr. */
export async function gnuTarNames(path: string): Promise<string[]> {
  const out = await run("tar", ["-tf", path]);
  if (out.code !== 0 || out.stderr !== "") throw new Error(`GNU tar -tf ${path} exited ${out.code}: ${out.stderr}`);
  return out.stdout.split("\n").filter((line) => line !== "");
}

/** `tar -tvf`, as text, failing on a non-zero exit or any stderr. */
export async function gnuTarVerbose(path: string): Promise<string> {
  const out = await run("tar", ["-tvf", path]);
  if (out.code !== 0 || out.stderr !== "") throw new Error(`GNU tar -tvf ${path} exited ${out.code}: ${out.stderr}`);
  return out.stdout;
}

/** Extracts with GNU tar (`-xf`, or `-xzf` for gzip) into a temp folder and returns every file, keyed by relative path. */
export async function gnuTarExtract(path: string, gzip: boolean): Promise<Map<string, Uint8Array>> {
  const dir = await mkdtemp(join(tmpdir(), "storage-tar-extract-"));
  try {
    const out = await run("tar", [gzip ? "-xzf" : "-xf", path, "-C", dir]);
    if (out.code !== 0 || out.stderr !== "") throw new Error(`GNU tar extract ${path} exited ${out.code}: ${out.stderr}`);
    const files = new Map<string, Uint8Array>();
    const visit = async (folder: string, base: string) => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        if (entry.isDirectory()) await visit(join(folder, entry.name), `${base}${entry.name}/`);
        else files.set(base + entry.name, new Uint8Array(await readFile(join(folder, entry.name))));
      }
    };
    await visit(dir, "");
    return files;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const PYTHON_READ = `
import base64, json, sys, tarfile, warnings
warnings.simplefilter("error")
out = []
with tarfile.open(sys.argv[1], "r:*") as archive:
    for member in archive:
        data = archive.extractfile(member).read() if member.isfile() else b""
        out.append([member.name, base64.b64encode(data).decode("ascii")])
print(json.dumps(out))
`;

/** Reads every entry with Python's tarfile (warnings raised as errors), in archive order. */
export async function pythonEntries(path: string): Promise<Array<[string, Uint8Array]>> {
  const out = await run("python3", ["-W", "error", "-X", "dev", "-c", PYTHON_READ, path]);
  if (out.code !== 0 || out.stderr !== "") throw new Error(`python3 tarfile on ${path} exited ${out.code}: ${out.stderr}`);
  return (JSON.parse(out.stdout) as Array<[string, string]>).map(([name, data]) => [name, new Uint8Array(Buffer.from(data, "base64"))]);
}

/** GNU tar and Python's tarfile both read the archive cleanly and agree; returns its files. */
export async function readArchiveBothWays(path: string, gzip: boolean): Promise<Map<string, Uint8Array>> {
  const [gnu, python] = await Promise.all([gnuTarExtract(path, gzip), pythonEntries(path)]);
  const fromPython = new Map(python);
  if (fromPython.size !== python.length) throw new Error(`python3 sees a name twice in ${path}`);
  const same =
    gnu.size === fromPython.size && [...gnu].every(([name, bytes]) => Buffer.from(bytes).equals(Buffer.from(fromPython.get(name) ?? new Uint8Array([1]))));
  if (!same) throw new Error(`GNU tar and python3 disagree about ${path}: ${[...gnu.keys()].join(",")} vs ${[...fromPython.keys()].join(",")}`);
  return gnu;
}

/**
 * Like `readArchiveBothWays`, for an archive that may hold a name more than once (a
 * `supersede` put): GNU tar's extraction and Python's tarfile must both end with the last
 * copy of each name. Returns the files and how many copies of each name there are.
 */
export async function readArchiveLastCopies(path: string, gzip: boolean): Promise<{ files: Map<string, Uint8Array>; copies: Map<string, number> }> {
  const [gnu, python] = await Promise.all([gnuTarExtract(path, gzip), pythonEntries(path)]);
  const lastFromPython = new Map(python);
  const copies = new Map<string, number>();
  for (const [name] of python) copies.set(name, (copies.get(name) ?? 0) + 1);
  const same =
    gnu.size === lastFromPython.size &&
    [...gnu].every(([name, bytes]) => Buffer.from(bytes).equals(Buffer.from(lastFromPython.get(name) ?? new Uint8Array([1]))));
  if (!same) throw new Error(`GNU tar and python3 disagree about the last copies in ${path}`);
  return { files: gnu, copies };
}

/** The SHA-256 of a file's bytes, to show it was not changed. */
export async function fileSha256(path: string): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
}
