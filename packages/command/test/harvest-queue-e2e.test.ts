// A harvest of two sources run as jobs: the rescuegroups and thecatapi emulators (cross-posting,
// so the merge has copies to drop), a real Redis, a real folder as DEST and 3 worker processes,
// one killed with kill -9 during the API phase. The data set must equal a one-process harvest of
// the same flags; each source's request ceiling must hold over all workers (timed by a recording
// proxy in front of each emulator); no planted key may reach Redis, DEST or any process's output.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { startRescueGroupsEmulator } from "@cat-harvest/rescuegroups-emulator";
import { startCatApiEmulator } from "@cat-harvest/thecatapi-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startRedis, type TestRedis } from "../../../tooling/test/redis-server.ts";
import { cliChildren } from "./cli-children.js";

const REDIS_PASSWORD = "harvest-e2e-redis-pw-7Qe2";
const RG_KEY = "planted-rescuegroups-key-Zx81";
const CAT_KEY = "planted-thecatapi-key-Wm40";
const SECRETS = [REDIS_PASSWORD, RG_KEY, CAT_KEY];

/** A loopback proxy in front of an emulator's API that notes when each API request arrived. */
interface RecordingProxy {
  readonly apiUrl: string;
  readonly times: number[];
  stop(): Promise<void>;
}

async function recordingProxy(apiUrl: string): Promise<RecordingProxy> {
  const target = new URL(apiUrl);
  const times: number[] = [];
  const server: Server = createServer((req, res) => {
    times.push(Date.now());
    const forward = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    apiUrl: `http://127.0.0.1:${port}${target.pathname}`,
    times,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Every file under `root` (relative path to its bytes), but the run's own bookkeeping. */
function filesOf(root: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return found;
}

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const photos = (files: Map<string, Buffer>) => new Map([...files].filter(([k]) => /\.(jpg|png|gif|webp)$/.test(k)).map(([k, v]) => [k, sha(v)]));
const jsonLines = (bytes?: Buffer) =>
  (bytes?.toString() ?? "")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const byFile = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a.file_name ?? a.source_url).localeCompare(String(b.file_name ?? b.source_url));

describe("harvest --queue: two sources, 3 workers, one killed with kill -9 in the API phase", () => {
  let redis: TestRedis;
  let emulators: Array<{ stop(): Promise<void> }>;
  let proxies: { rescuegroups: RecordingProxy; thecatapi: RecordingProxy };
  let direct: { rescuegroups: string; thecatapi: string };
  let env: Record<string, string>;
  let temporary: string;

  beforeAll(async () => {
    redis = await startRedis({ password: REDIS_PASSWORD });
    const common = { seed: 7, scale: 0.02, host: "127.0.0.1", port: 0, crossPosts: true, latencyMs: 400 };
    const rg = await startRescueGroupsEmulator({ ...common, apiKeys: [RG_KEY] });
    const cat = await startCatApiEmulator({ ...common, apiKeys: [CAT_KEY] });
    emulators = [rg, cat];
    direct = { rescuegroups: rg.apiUrl, thecatapi: cat.apiUrl };
    proxies = { rescuegroups: await recordingProxy(rg.apiUrl), thecatapi: await recordingProxy(cat.apiUrl) };
    temporary = mkdtempSync(join(tmpdir(), "harvest-queue-e2e-"));
    env = {
      PATH: process.env.PATH ?? "",
      TMPDIR: temporary,
      CAT_HARVEST_REDIS_PASSWORD: REDIS_PASSWORD,
      RESCUEGROUPS_API_KEY: RG_KEY,
      THECATAPI_API_KEY: CAT_KEY,
    };
  });
  afterAll(async () => {
    await killAll();
    await Promise.all(Object.values(proxies ?? {}).map((p) => p.stop()));
    await Promise.all((emulators ?? []).map((e) => e.stop()));
    await redis?.stop();
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  });

  const { cli, killAll } = cliChildren(() => env);

  const flags = ["--source", "rescuegroups,thecatapi", "--breeds", "Abyssinian,Bengal,Siamese,Maine Coon", "--per-breed", "40", "--no-report"];
  const apiUrls = (urls: { rescuegroups: string; thecatapi: string }) => [
    "--api-url",
    `rescuegroups=${urls.rescuegroups}`,
    "--api-url",
    `thecatapi=${urls.thecatapi}`,
  ];
  const proxied = () => apiUrls({ rescuegroups: proxies.rescuegroups.apiUrl, thecatapi: proxies.thecatapi.apiUrl });

  test("the data set equals a one-process harvest's; each source's ceiling holds over all workers; no key leaks", async () => {
    const aloneDir = join(temporary, "alone");
    const alone = cli([...flags, ...apiUrls(direct), "--out", aloneDir]);
    expect(await alone.exited, alone.stderr).toBe(0);

    const queuedDir = join(temporary, "queued");
    const queue = ["--queue", redis.url];
    const enqueue = cli([...flags, ...proxied(), "--out", queuedDir, ...queue]);
    expect(await enqueue.exited, enqueue.stderr).toBe(0);
    expect(enqueue.stdout).toMatch(/API phase of .*: 8 breed jobs/);

    // The first worker alone takes the first breed of each source; it is killed while the API answers (400 ms a request).
    const worker = () => cli(["worker", ...queue, ...proxied(), "--stalled-after", "2"]);
    const victim = worker();
    const until = Date.now() + 60_000;
    while (!/(rescuegroups|thecatapi): [\w ]+ started/.test(victim.stderr) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    victim.child.kill("SIGKILL");
    await victim.exited;
    expect(victim.stderr).not.toMatch(/ done/);
    const workers = [victim, worker(), worker()];

    // --wait: decides once every breed is in, queues the downloads, and finishes once they are done.
    const finish = cli([...flags, ...proxied(), "--out", queuedDir, ...queue, "--wait"]);
    expect(await finish.exited, finish.stderr + workers.map((w) => w.stderr).join("\n---\n")).toBe(0);
    expect(finish.stdout).toMatch(/is finished/);
    const status = cli(["status", ...queue]);
    expect(await status.exited).toBe(0);
    expect(status.stdout).toMatch(/API phase, rescuegroups .*breeds 4 done, 0 running, 0 waiting, 0 failed/);
    expect(status.stdout).toMatch(/API phase, thecatapi .*breeds 4 done/);
    for (const w of workers.slice(1)) w.child.kill("SIGTERM");
    expect(await Promise.all(workers.slice(1).map((w) => w.exited))).toEqual([0, 0]);
    // The killed worker's breed went back to the queue and was fetched by another.
    const killed = /((?:rescuegroups|thecatapi): [\w ]+) started/.exec(victim.stderr)![1]!;
    expect(workers[1]!.stderr + workers[2]!.stderr).toContain(`${killed} done`);

    const [single, queued] = [filesOf(aloneDir), filesOf(queuedDir)];
    const singlePhotos = photos(single);
    expect(singlePhotos.size).toBeGreaterThan(10);
    expect(photos(queued)).toEqual(singlePhotos);
    expect(jsonLines(queued.get("metadata.jsonl")).sort(byFile)).toEqual(jsonLines(single.get("metadata.jsonl")).sort(byFile));
    const failures = jsonLines(single.get("failures.jsonl"));
    // The cross-posts are byte-identical copies across the sources: the same copy is kept and the others named as duplicates.
    expect(failures.filter((row) => row.reason === "duplicate").length).toBeGreaterThan(0);
    expect(jsonLines(queued.get("failures.jsonl")).sort(byFile)).toEqual(failures.sort(byFile));
    expect(queued.get("breeds.csv")!.toString()).toBe(single.get("breeds.csv")!.toString());
    expect(queued.get("SOURCES.md")!.toString()).toBe(single.get("SOURCES.md")!.toString());

    // RescueGroups' 1 request a second and The Cat API's 4 over every worker and the enqueue together,
    // as the emulator's proxy sees them (50 ms allowed for the proxy's own timing).
    for (const [times, max] of [
      [proxies.rescuegroups.times, 1],
      [proxies.thecatapi.times, 4],
    ] as const) {
      expect(times.length).toBeGreaterThan(max);
      for (let i = max; i < times.length; i++) expect(times[i]! - times[i - max]!, JSON.stringify(times.map((t) => t - times[0]!))).toBeGreaterThanOrEqual(950);
    }

    // A folder a one-process harvest wrote is not rewritten by a run as jobs.
    const refused = cli([...flags, ...proxied(), "--out", aloneDir, ...queue]);
    expect(await refused.exited).toBe(2);
    expect(refused.stderr).toMatch(/harvested in one process .* give --out a new DEST/);

    const outputs = [alone, enqueue, finish, status, refused, ...workers].map((c) => c.stdout + c.stderr).join("\n");
    const destText = [...queued].map(([key, bytes]) => (key.endsWith(".gz") ? gunzipSync(bytes).toString() : bytes.toString("latin1"))).join("\n");
    const everything = redis.everything();
    expect(everything).toContain("Maine Coon");
    for (const secret of SECRETS) {
      expect(everything).not.toContain(secret);
      expect(destText).not.toContain(secret);
      expect(outputs).not.toContain(secret);
    }
  }, 240_000);
});
