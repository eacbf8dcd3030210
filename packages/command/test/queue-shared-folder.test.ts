// A folder DEST shared by the enqueue and the workers: each writes into it while the others
// open it, so none may sweep its "leftover" temporary files (another writer's puts under way).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startRedis, type TestRedis } from "../../../tooling/test/redis-server.ts";

const CLI = fileURLToPath(new URL("./fixtures/cli-process.ts", import.meta.url));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions", "@cat-harvest/source", CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

describe("download --queue into a shared folder", () => {
  let redis: TestRedis;
  let emulator: Emulator;
  let dir: string;

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator({ seed: 1, scale: 0.01 });
    dir = mkdtempSync(join(tmpdir(), "queue-shared-folder-"));
    const truth = (await (await fetch(`${emulator.url}/_emulator/truth?size=small`)).text()).trim().split("\n").slice(0, 6);
    writeFileSync(join(dir, "urls.txt"), truth.map((line) => `${(JSON.parse(line) as { url: string }).url}\n`).join(""));
  });
  afterAll(async () => {
    await emulator?.stop();
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("a worker and the finishing enqueue leave another writer's temporary file in DEST alone", async () => {
    const out = join(dir, "ds");
    const enqueue = ["download", "--input", join(dir, "urls.txt"), "--out", out, "--format", "webdataset", "--shard-size", "3", "--no-report"];
    const queue = ["--queue", redis.url, "--queue-name", "shared-folder"];
    expect((await cli([...enqueue, ...queue])).code).toBe(0);
    // What a put under way looks like in storage-fs (`.<name>.<12 hex>.part`): another worker's, or the enqueue's.
    const underWay = join(out, "_inputs", ".00009.jsonl.gz.0123456789ab.part");
    writeFileSync(underWay, "half a shard's rows");

    const worker = spawn(process.execPath, ["--import", "tsx", "--conditions", "@cat-harvest/source", CLI, "worker", ...queue], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    worker.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const until = Date.now() + 60_000;
    while ((log.match(/ done/g) ?? []).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    worker.kill("SIGTERM");
    await new Promise((resolve) => worker.once("close", resolve));
    expect(log).toMatch(/shard 00001 done/);
    expect(existsSync(underWay)).toBe(true);

    const finish = await cli([...enqueue, ...queue]);
    expect(finish.stdout).toMatch(/is finished/);
    expect(existsSync(underWay)).toBe(true);
  }, 120_000);
});
