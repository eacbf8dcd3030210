// The acceptance test: 3 worker processes, one emulator, s3rver and a real Redis; one
// worker is killed with kill -9 mid-shard, and the data set must equal a one-process run's.
// The list is a gzipped text file on S3 with a repeated URL (dropped while reading) and a line
// that is not an http(s) URL (a failed row of its shard), read by the enqueue as by one process.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import { createS3Storage } from "@cat-harvest/storage-s3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startRedis, type TestRedis } from "../../../tooling/test/redis-server.ts";
import { cliChildren } from "./cli-children.js";
import { startS3rver, S3RVER_CREDENTIALS, type RunningS3rver } from "../../storage-s3/test/s3rver.ts";

// Planted credentials the processes hold: none may reach Redis.
const REDIS_PASSWORD = "e2e-redis-pw-4Kd9";
const API_KEY = "e2e-thecatapi-key-PLANTED";

describe("download --queue with 3 workers, one killed with kill -9", () => {
  let redis: TestRedis;
  let emulator: Emulator;
  let s3: RunningS3rver;
  let env: Record<string, string>;
  let temporary: string;

  beforeAll(async () => {
    redis = await startRedis({ password: REDIS_PASSWORD });
    emulator = await startEmulator({ seed: 1, scale: 0.01, latencyMs: 100 });
    s3 = await startS3rver(["dataset"]);
    const truth = (await (await fetch(`${emulator.url}/_emulator/truth?size=small`)).text()).trim().split("\n").slice(0, 59);
    const urls = truth.map((line) => (JSON.parse(line) as { url: string }).url);
    const lines = [...urls.slice(0, 30), urls[3]!, "ftp://photos.invalid/cat.jpg", ...urls.slice(30, 59)];
    const lists = await s3Storage("lists");
    await lists.put("urls.txt.gz", gzipSync(lines.map((line) => `${line}\n`).join("")));
    await lists.close();
    // The workers' local spools go here (the killed one's stays behind): removed at the end.
    temporary = mkdtempSync(join(tmpdir(), "queue-e2e-"));
    env = {
      PATH: process.env.PATH ?? "",
      TMPDIR: temporary,
      AWS_ENDPOINT_URL: s3.endpoint,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_REGION: "us-east-1",
      CAT_HARVEST_REDIS_PASSWORD: REDIS_PASSWORD,
      THECATAPI_API_KEY: API_KEY,
    };
  });
  afterAll(async () => {
    await killAll();
    await emulator?.stop();
    await s3?.stop();
    await redis?.stop();
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  });

  const { cli, killAll } = cliChildren(() => env);

  function s3Storage(prefix: string) {
    return createS3Storage({ bucket: "dataset", prefix, endpoint: s3.endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  }

  /** The sha256 of every object but the queue's inputs, the files holding timings, and the report and card (they name the command and date). */
  async function everyObject(prefix: string): Promise<Map<string, string>> {
    const storage = await s3Storage(prefix);
    const found = new Map<string, string>();
    for await (const { key } of storage.list()) {
      if (/^_inputs\/|_stats\.json$|^_summary\.json$|^report\.html$|^README\.md$/.test(key)) continue;
      const bytes = new Uint8Array(await new Response(await storage.get(key)).arrayBuffer());
      found.set(key, createHash("sha256").update(bytes).digest("hex"));
    }
    await storage.close();
    return found;
  }

  async function waitForDone(queue: string[], shards: number, until: number): Promise<string> {
    let status = "";
    while (!new RegExp(`shards: ${shards} done, 0 running, 0 waiting, 0 failed`).test(status) && Date.now() < until) {
      const check = cli(["status", ...queue]);
      await check.exited;
      status = check.stdout;
      await new Promise((r) => setTimeout(r, 500));
    }
    return status;
  }

  /** The sha256 of each shard file (`_stats.json` holds timings), and every other key. */
  async function objects(prefix: string): Promise<{ shards: Map<string, string>; keys: string[] }> {
    const storage = await s3Storage(prefix);
    const found = new Map<string, string>();
    const keys: string[] = [];
    for await (const { key } of storage.list()) {
      keys.push(key);
      if (!/^\d+\.(tar|jsonl)$/.test(key)) continue;
      const bytes = new Uint8Array(await new Response(await storage.get(key)).arrayBuffer());
      found.set(key, createHash("sha256").update(bytes).digest("hex"));
    }
    await storage.close();
    return { shards: found, keys: keys.sort() };
  }

  test("the killed worker's shard is finished by another, and every shard file equals the one-process run's", async () => {
    const flags = ["--input", "s3://dataset/lists/urls.txt.gz", "--format", "webdataset", "--shard-size", "10"];
    const alone = cli(["download", ...flags, "--out", "s3://dataset/alone"]);
    expect(await alone.exited).toBe(3); // partial: the ftp:// line is a failed row

    const queue = ["--queue", redis.url];
    const enqueue = cli(["download", ...flags, "--out", "s3://dataset/queued", ...queue]);
    expect(await enqueue.exited).toBe(0);
    expect(enqueue.stdout).toMatch(/6 shards \(60 rows\)/);

    // Two downloads at once and 100 ms a photo: a shard of 10 takes half a second or more, so the kill lands mid-shard.
    const workers = [1, 2, 3].map(() => cli(["worker", ...queue, "--stalled-after", "5", "--concurrency", "2"]));
    const victim = workers[0]!;
    const until = Date.now() + 60_000;
    while (!/started/.test(victim.stderr) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    victim.child.kill("SIGKILL");
    await victim.exited;
    const killed = /shard (\d+) started/.exec(victim.stderr)![1]!;
    expect(victim.stderr).not.toMatch(/ done/);

    expect(await waitForDone(queue, 6, until + 60_000)).toMatch(/shards: 6 done/);
    for (const w of workers.slice(1)) w.child.kill("SIGTERM");
    expect(await Promise.all(workers.slice(1).map((w) => w.exited))).toEqual([0, 0]);
    // The killed worker's shard was taken over (after --stalled-after) and run by another.
    expect(workers[1]!.stderr + workers[2]!.stderr).toMatch(new RegExp(`shard ${killed} started[\\s\\S]*shard ${killed} done`));

    const finish = cli(["download", ...flags, "--out", "s3://dataset/queued", ...queue]);
    expect(await finish.exited).toBe(3);
    expect(finish.stdout).toMatch(/is finished/);

    const [single, queued] = [await objects("alone"), await objects("queued")];
    expect(single.shards.size).toBe(12);
    expect(queued.shards).toEqual(single.shards);
    // The same files besides the queue's shard inputs; the killed attempt's spool is gone.
    expect(queued.keys.filter((key) => !key.startsWith("_inputs/"))).toEqual(single.keys);
    expect(single.keys.filter((key) => key.startsWith("_spool/"))).toEqual([]);
    const everything = redis.everything();
    expect(everything).toContain("_inputs/00005.jsonl.gz");
    for (const secret of [REDIS_PASSWORD, API_KEY]) expect(everything + enqueue.stdout + enqueue.stderr + finish.stdout).not.toContain(secret);
  }, 240_000);

  test("--format files: two workers, then the finishing step, give every file of a one-process run, byte for byte", async () => {
    const flags = ["--input", "s3://dataset/lists/urls.txt.gz", "--format", "files", "--shard-size", "10", "--no-report"];
    const alone = cli(["download", ...flags, "--out", "s3://dataset/files-alone"]);
    expect(await alone.exited).toBe(3);
    const queue = ["--queue", redis.url, "--queue-name", "files"];
    const enqueue = cli(["download", ...flags, "--out", "s3://dataset/files-queued", ...queue]);
    expect(await enqueue.exited).toBe(0);
    const workers = [1, 2].map(() => cli(["worker", ...queue, "--concurrency", "4"]));
    expect(await waitForDone(queue, 6, Date.now() + 90_000)).toMatch(/shards: 6 done/);
    for (const w of workers) w.child.kill("SIGTERM");
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    const finish = cli(["download", ...flags, "--out", "s3://dataset/files-queued", ...queue]);
    expect(await finish.exited).toBe(3);

    const [single, queued] = [await everyObject("files-alone"), await everyObject("files-queued")];
    expect([...single.keys()]).toEqual(expect.arrayContaining(["metadata.jsonl", "failures.jsonl", "breeds.csv", "_plan.json"]));
    expect(queued).toEqual(single);
  }, 240_000);
});
