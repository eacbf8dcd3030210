import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { StorageKeyExistsError } from "@cat-harvest/storage";
import { chunkedStream, patternBytes, sameBytes } from "@cat-harvest/storage-conformance";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTarStorage } from "../src/index.js";
import { gnuTarNames, readArchiveBothWays } from "./helpers/archive-readers.js";
import { keyOf, sizeOf } from "./helpers/crash-entries.js";

const TOTAL = 30;
const packageRoot = fileURLToPath(new URL("..", import.meta.url));

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "cat-harvest-storage-tar-crash-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/**
 * Runs crash-child.ts and SIGKILLs it once `killWhen` says so. Resolves with the keys
 * it reported stored, in order.
 */
function runAndKill(path: string, mode: "stall" | "run", killWhen: (line: string, stored: number) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions", "@cat-harvest/source", "test/helpers/crash-child.ts", path, String(TOTAL), mode],
      { cwd: packageRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    const stored: string[] = [];
    let stderr = "";
    let buffer = "";
    let killed = false;
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.startsWith("stored ")) stored.push(line.slice(7));
        if (!killed && killWhen(line, stored.length)) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    });
    child.on("error", reject);
    // "close", not "exit": every line the child wrote before it died has been read by then.
    child.on("close", (code, signal) => {
      if (signal === "SIGKILL") resolve(stored);
      else reject(new Error(`crash-child exited ${code} before it was killed: ${stderr}`));
    });
  });
}

describe.each([".tar", ".tar.gz"])("SIGKILL while writing a %s", (extension) => {
  const gzip = extension.endsWith(".gz");

  test.each([
    ["in the middle of an entry", "stall" as const, (line: string) => line === "stalled"],
    ["at an unplanned moment", "run" as const, (_: string, stored: number) => stored >= 12],
  ])(
    "%s leaves a valid archive of the completed entries, and a reopened run completes it with nothing stored twice",
    async (_, mode, killWhen) => {
      const path = join(base, `${mode}${extension}`);
      const reported = await runAndKill(path, mode, killWhen);
      // With "stall", entries 0-19 were all ahead of #20 in the queue, so all of them completed.
      expect(reported.length).toBeGreaterThanOrEqual(mode === "stall" ? 20 : 12);

      // GNU tar lists the completed entries, with no error and nothing on stderr: every put
      // that resolved is there, in order, plus at most the one committed as the kill came.
      const names = await gnuTarNames(path);
      expect(names.slice(0, reported.length)).toEqual(reported);
      expect(names.length - reported.length).toBeLessThanOrEqual(1);
      const survived = await readArchiveBothWays(path, gzip);
      for (const name of names) {
        const i = Number(/\/(\d+)-1\.jpg$/.exec(name)![1]);
        expect(sameBytes(survived.get(name), patternBytes(sizeOf(i), i)), name).toBe(true);
      }
      const sizeAfterKill = (await stat(path)).size;

      // The resumed run offers every key; only the missing ones are written.
      const storage = createTarStorage({ path });
      await storage.ready();
      if (mode === "stall") expect((await stat(path)).size, "the half-written entry is dropped").toBeLessThan(sizeAfterKill);
      let refused = 0;
      for (let i = 0; i < TOTAL; i++) {
        const bytes = patternBytes(sizeOf(i), i);
        await storage.put(keyOf(i), chunkedStream(bytes, { chunkSize: 16_384 }), { size: bytes.byteLength }).catch((error: unknown) => {
          if (!(error instanceof StorageKeyExistsError)) throw error;
          refused++;
        });
      }
      await storage.close();
      expect(refused).toBe(names.length);

      const final = await gnuTarNames(path);
      expect(final).toHaveLength(TOTAL);
      expect(new Set(final).size).toBe(TOTAL);
      const files = await readArchiveBothWays(path, gzip);
      for (let i = 0; i < TOTAL; i++) expect(sameBytes(files.get(keyOf(i)), patternBytes(sizeOf(i), i)), keyOf(i)).toBe(true);
    },
    120_000,
  );
});
