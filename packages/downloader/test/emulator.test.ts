import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { type FaultKind, startEmulator } from "@cat-harvest/petfinder-emulator";
import { createMemoryStorage } from "@cat-harvest/storage";
import { createFsStorage } from "@cat-harvest/storage-fs";
import { describe, expect, test } from "vitest";
import { createDownloader, type DownloadEvent, type DownloadRetry } from "../src/index.js";
import { readTruth, type Truth } from "./helpers/truth.js";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const PHOTOS = 24;
// Quick retries and short stalls keep the suite fast; faults are deterministic per seed.
const FAST = { retryBaseDelayMs: 5, retryMaxDelayMs: 40, maxRetryAfterMs: 50, idleTimeoutMs: 250, connectTimeoutMs: 2000, maxAttempts: 10 } as const;
const keyOf = (t: Truth) => `Emulated/${t.animal_id}-${t.photo}-${t.size}.jpg`;

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(root, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

describe("against the emulator", () => {
  test.each<[FaultKind, string]>([
    ["status-500", "http-500"],
    ["status-502", "http-502"],
    ["status-503", "http-503"],
    ["status-429", "http-429"],
    ["reset", "network"],
    ["cut-short", "truncated"],
    ["stall", "timeout-idle"],
  ])("fault %s at rate 0.2: every photo stored whole and matching the truth sha256", async (kind, reason) => {
    const emulator = await startEmulator({ seed: 11, scale: 0.01, faultRate: 0.2, faultKinds: [kind], stallMs: 1000 });
    try {
      const truth = await readTruth(emulator.url, PHOTOS, "?size=medium");
      expect(truth).toHaveLength(PHOTOS);
      const storage = createMemoryStorage();
      const retries: DownloadRetry[] = [];
      const summary = await createDownloader({
        ...FAST,
        storage,
        concurrency: 6,
        onEvent: (e) => void (e.type === "retry" && retries.push(e)),
      }).run(truth.map((t) => ({ url: t.url, key: keyOf(t) })));
      expect(summary).toMatchObject({ jobs: PHOTOS, stored: PHOTOS, failed: 0 });
      expect(retries.length).toBeGreaterThan(0);
      expect(new Set(retries.map((r) => r.reason))).toEqual(new Set([reason]));
      expect(storage.objects.size).toBe(PHOTOS);
      for (const t of truth) {
        const bytes = storage.objects.get(keyOf(t));
        expect(bytes?.byteLength, keyOf(t)).toBe(t.bytes);
        expect(sha(bytes!), keyOf(t)).toBe(t.sha256);
      }
    } finally {
      await emulator.stop();
    }
  });

  test("all faults mixed, into a real folder: every file complete, nothing else on disk, reported sha256 = truth", async () => {
    const emulator = await startEmulator({ seed: 5, scale: 0.01, faultRate: 0.2, stallMs: 1000 });
    const root = await mkdtemp(join(tmpdir(), "downloader-fs-"));
    try {
      const truth = await readTruth(emulator.url, PHOTOS, "?size=small,medium");
      const storage = await createFsStorage({ root, fsync: "never" });
      const done = new Map<string, string>();
      const summary = await createDownloader({
        ...FAST,
        storage,
        concurrency: 8,
        onEvent: (e) => void (e.type === "done" && done.set(e.key, e.sha256)),
      }).run(truth.map((t) => ({ url: t.url, key: keyOf(t) })));
      await storage.close();
      expect(summary).toMatchObject({ stored: PHOTOS, failed: 0 });
      expect(summary.retries).toBeGreaterThan(0);
      expect(await listFiles(root)).toEqual(truth.map(keyOf).sort());
      for (const t of truth) {
        expect(done.get(keyOf(t))).toBe(t.sha256);
        expect(sha(await readFile(join(root, keyOf(t))))).toBe(t.sha256);
      }
      // A second run resumes: everything is skipped, nothing is fetched.
      const again = await createDownloader({ ...FAST, storage: await createFsStorage({ root }) }).run(truth.map((t) => ({ url: t.url, key: keyOf(t) })));
      expect(again).toMatchObject({ skipped: PHOTOS, stored: 0, attempts: 0 });
    } finally {
      await emulator.stop();
      await rm(root, { recursive: true, force: true });
    }
  });

  test("aborting mid-run leaves only complete, correct files in the folder", async () => {
    const emulator = await startEmulator({ seed: 9, scale: 0.01, latencyMs: 30 });
    const root = await mkdtemp(join(tmpdir(), "downloader-abort-"));
    try {
      const truth = await readTruth(emulator.url, 40, "?size=large");
      const bySha = new Map(truth.map((t) => [keyOf(t), t.sha256]));
      const controller = new AbortController();
      const events: DownloadEvent[] = [];
      let done = 0;
      const run = createDownloader({
        ...FAST,
        storage: await createFsStorage({ root, fsync: "never" }),
        concurrency: 4,
        onEvent: (e) => {
          events.push(e);
          if (e.type === "done" && ++done === 5) controller.abort(new Error("enough"));
        },
      }).run(
        truth.map((t) => ({ url: t.url, key: keyOf(t) })),
        { signal: controller.signal },
      );
      await expect(run).rejects.toThrow("enough");
      const files = await listFiles(root);
      const stored = events
        .filter((e) => e.type === "done")
        .map((e) => (e as { key: string }).key)
        .sort();
      expect(files).toEqual(stored);
      expect(files.length).toBeGreaterThanOrEqual(5);
      expect(files.length).toBeLessThan(truth.length);
      for (const file of files) expect(sha(await readFile(join(root, file)))).toBe(bySha.get(file));
      const end = events.at(-1) as { type: "end"; summary: { aborted: boolean } };
      expect(end.summary.aborted).toBe(true);
    } finally {
      await emulator.stop();
      await rm(root, { recursive: true, force: true });
    }
  });
});
