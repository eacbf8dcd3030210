import { createHash } from "node:crypto";
import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { StorageAdapter } from "@cat-harvest/storage";
import { createFsStorage } from "@cat-harvest/storage-fs";
import { createTarStorage } from "@cat-harvest/storage-tar";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EXIT_FAILURE, EXIT_OK } from "../exit-codes.js";
import { runCommand } from "../run-command.js";

let base: string;
let counter = 0;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "cat-harvest-verify-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const fileSha256 = async (path: string) => sha256(await readFile(path));

async function verify(dest: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(["verify", dest], { env: {}, stdout: (l) => out.push(l), stderr: (l) => err.push(l), signal: new AbortController().signal });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const photos = [
  ["Bengal/1-1.jpg", new Uint8Array(3_000).fill(1)],
  ["Bengal/2-1.jpg", new Uint8Array(5_000).fill(2)],
] as const;

/** Stores the photos, and unless `interrupted`, the metadata.jsonl listing them, as a harvest does. */
async function storeDataset(storage: StorageAdapter, interrupted: boolean): Promise<void> {
  const lines: string[] = [];
  for (const [key, bytes] of photos) {
    await storage.put(key, bytes);
    const row = { file_name: key, breed: "Bengal", animal_id: 1, photo: 1, source_url: `http://x/${key}`, bytes: bytes.byteLength, sha256: sha256(bytes) };
    lines.push(JSON.stringify(row));
  }
  if (!interrupted) await storage.put("metadata.jsonl", new TextEncoder().encode(lines.join("\n") + "\n"));
  await storage.close();
}

const fillArchive = (path: string, interrupted: boolean) => storeDataset(createTarStorage({ path }), interrupted);

describe.each([".tar", ".tar.gz"])("verify on a %s", (extension) => {
  test("with bytes after its end (a writer's unfinished entry) leaves every byte as it was", async () => {
    const path = join(base, `trailing-${counter++}${extension}`);
    await fillArchive(path, false);
    await appendFile(path, extension === ".tar" ? new Uint8Array(4_000).fill(7) : gzipSync(new Uint8Array(20_000).fill(7)).subarray(0, 200));
    const before = await fileSha256(path);
    const result = await verify(path);
    expect(result.code, result.stderr).toBe(EXIT_OK);
    expect(result.stdout).toContain("2 of 2 files match");
    expect(await fileSha256(path)).toBe(before);
  });

  test("interrupted before its metadata was written says so, with the fix, and leaves every byte as it was", async () => {
    const path = join(base, `interrupted-${counter++}${extension}`);
    await fillArchive(path, true);
    await appendFile(path, new Uint8Array(700).fill(9));
    const before = await fileSha256(path);
    const result = await verify(path);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toContain(path);
    expect(result.stderr).toContain("its harvest was interrupted before the metadata was written");
    expect(result.stderr).toContain("run the same harvest again to finish it");
    expect(result.stderr).not.toContain("is this the destination of a harvest");
    expect(await fileSha256(path)).toBe(before);
  });

  test("on a file that is not an archive refuses it unchanged", async () => {
    const path = join(base, `notes-${counter++}${extension}`);
    await writeFile(path, "my notes\n");
    const result = await verify(path);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toContain("is not a tar archive");
    expect(await readFile(path, "utf8")).toBe("my notes\n");
  });
});

describe("verify on a folder", () => {
  test("leaves a harvest's temporary files alone and creates nothing beside the folder", async () => {
    const parent = join(base, `parent-${counter++}`);
    const root = join(parent, "cats");
    await storeDataset(await createFsStorage({ root }), false);
    // What a harvest writing right now has on disk: a photo under a temporary name.
    await writeFile(join(root, "Bengal", ".3-1.jpg.a1b2c3d4e5f6.part"), "half a photo");
    const result = await verify(root);
    expect(result.code, result.stderr).toBe(EXIT_OK);
    expect((await readdir(join(root, "Bengal"))).sort()).toEqual([".3-1.jpg.a1b2c3d4e5f6.part", "1-1.jpg", "2-1.jpg"]);
    expect(await readdir(parent)).toEqual(["cats"]);
  });

  test("holding files but no metadata.jsonl says what may be true and the fix", async () => {
    const root = join(base, `unlisted-${counter++}`);
    await mkdir(join(root, "Bengal"), { recursive: true });
    await writeFile(join(root, "Bengal", "1-1.jpg"), "photo");
    const result = await verify(root);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toContain("if a harvest into it was interrupted before writing it, run the same harvest again");
  });
});
