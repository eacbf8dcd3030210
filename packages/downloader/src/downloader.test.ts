import { createHash } from "node:crypto";
import { createMemoryStorage, type MemoryStorage, type StorageAdapter } from "@cat-harvest/storage";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { makeGif, makeJpeg, makePng, makeWebp } from "../test/helpers/images.js";
import { sendBytes, startTestServer, type TestServer } from "../test/helpers/test-server.js";
import {
  createDownloader,
  DEFAULT_USER_AGENT,
  download,
  DownloaderError,
  DownloadJobError,
  isRetryableReason,
  type DownloadEvent,
  type DownloadFailed,
  type DownloadJob,
  type DownloadResult,
  type DownloaderOptions,
} from "./index.js";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
// Deep equality on large byte arrays is slow in vitest; compare digests instead.
const stored = (storage: { objects: ReadonlyMap<string, Uint8Array> }, key: string) => {
  const bytes = storage.objects.get(key);
  return bytes ? sha(bytes) : null;
};
const JPEG = makeJpeg(64, 48, 1);
const JPEG2 = makeJpeg(32, 32, 2);
const BIG = makeJpeg(640, 480, 3); // ~ several hundred KB of noise

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

// Fast retries and short timeouts keep the suite quick; the values are options, not assertions.
const FAST = { retryBaseDelayMs: 5, retryMaxDelayMs: 20, idleTimeoutMs: 300, connectTimeoutMs: 500, maxRetryAfterMs: 50 } as const;

async function runAll<M, S extends StorageAdapter = MemoryStorage>(
  jobs: DownloadJob<M>[],
  options: Partial<Omit<DownloaderOptions<M>, "storage">> & { storage?: S } = {},
) {
  // Without a storage of the caller's, a memory one, whose objects the tests inspect.
  const storage = options.storage ?? (createMemoryStorage() as StorageAdapter as S);
  const events: DownloadEvent<M>[] = [];
  const summary = await createDownloader<M>({
    ...FAST,
    ...options,
    storage,
    onEvent: (e) => void events.push(e),
  }).run(jobs);
  const results = events.filter((e): e is DownloadResult<M> => e.type === "done" || e.type === "failed" || e.type === "skipped");
  const byKey = new Map(results.map((r) => [r.key, r]));
  return { storage, events, results, byKey, summary };
}

let unique = 0;
/** Registers a route under a fresh path and returns its URL. */
function route(handler: Parameters<TestServer["route"]>[1]): string {
  const path = `/r${++unique}.jpg`;
  server.route(path, handler);
  return server.url + path;
}

describe("createDownloader: storing", () => {
  test("stores a JPEG with its sha256, length, dimensions and an honest User-Agent", async () => {
    const url = route((_req, res) => sendBytes(res, JPEG));
    const { storage, byKey, summary } = await runAll([{ url, key: "Bengal/1-1.jpg", meta: { breed: "Bengal" } }]);
    expect(byKey.get("Bengal/1-1.jpg")).toMatchObject({
      type: "done",
      url,
      meta: { breed: "Bengal" },
      bytes: JPEG.byteLength,
      sha256: sha(JPEG),
      width: 64,
      height: 48,
      format: "jpeg",
      attempts: 1,
    });
    expect(stored(storage, "Bengal/1-1.jpg")).toBe(sha(JPEG));
    expect(server.lastHeaders.get(new URL(url).pathname)?.["user-agent"]).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toMatch(/^cat-harvest-downloader\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/cat-harvest\/cat-harvest\)$/);
    expect(summary).toMatchObject({ jobs: 1, stored: 1, failed: 0, attempts: 1, retries: 0, bytes: JPEG.byteLength, aborted: false });
  });

  test("streams a chunked body with no Content-Length and passes the size hint when there is one", async () => {
    const chunked = route((_req, res) => {
      res.writeHead(200, { "content-type": "image/jpeg" });
      for (let i = 0; i < BIG.byteLength; i += 4096) res.write(BIG.subarray(i, i + 4096));
      res.end();
    });
    const sized = route((_req, res) => sendBytes(res, JPEG2));
    const memory = createMemoryStorage();
    const sizes = new Map<string, number | undefined>();
    const types = new Map<string, string | undefined>();
    const storage = {
      ...memory,
      put: (key: string, body: any, o?: any) => (sizes.set(key, o?.size), types.set(key, o?.contentType), memory.put(key, body, o)),
    };
    const { byKey } = await runAll(
      [
        { url: chunked, key: "a.jpg" },
        { url: sized, key: "b.jpg" },
      ],
      { storage },
    );
    expect(byKey.get("a.jpg")).toMatchObject({ type: "done", sha256: sha(BIG), bytes: BIG.byteLength, width: 640, height: 480 });
    expect(stored(memory, "a.jpg")).toBe(sha(BIG));
    expect(sizes.get("a.jpg")).toBeUndefined();
    expect(sizes.get("b.jpg")).toBe(JPEG2.byteLength);
    expect(types.get("b.jpg")).toBe("image/jpeg");
  });

  test("reads the network only as fast as storage consumes: memory does not grow with file size", async () => {
    // A 6 MB body that passes every check: a real JPEG header, filler, the end marker.
    const head = JPEG.subarray(0, JPEG.byteLength - 2);
    const huge = new Uint8Array(6 * 1024 * 1024);
    huge.set(head);
    huge.set([0xff, 0xd9], huge.byteLength - 2);
    const url = route((_req, res) => sendBytes(res, huge));
    let received = 0;
    let consumed = 0;
    let maxAhead = 0;
    const memory = createMemoryStorage();
    // A deliberately slow store: it reads one chunk at a time with a pause between.
    const slow = {
      ...memory,
      async put(key: string, body: ReadableStream<Uint8Array>) {
        const reader = body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          consumed += value.byteLength;
          maxAhead = Math.max(maxAhead, received - consumed);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        await memory.put(key, new Uint8Array(0));
      },
    };
    const downloader = createDownloader({
      storage: slow,
      onEvent: (e) => void (e.type === "bytes" && (received = e.received)),
    });
    const summary = await downloader.run([{ url, key: "huge.jpg" }]);
    expect(summary).toMatchObject({ stored: 1, bytes: huge.byteLength });
    expect(consumed).toBe(huge.byteLength);
    // The downloader holds at most the chunk the store has not taken yet.
    expect(maxAhead).toBeLessThanOrEqual(256 * 1024);
  });

  test.each([
    ["png", makePng(300, 200), "image/png"],
    ["gif", makeGif(17, 9), "image/gif"],
    ["webp", makeWebp(1024, 768), "image/webp"],
  ] satisfies [string, Uint8Array, string][])("accepts %s by its magic bytes whatever the Content-Type, and reads its size", async (format, bytes) => {
    const url = route((_req, res) => sendBytes(res, bytes, "application/octet-stream"));
    const { byKey } = await runAll([{ url, key: `x.${format}` }]);
    expect(byKey.get(`x.${format}`)).toMatchObject({ type: "done", format, sha256: sha(bytes) });
    const done = byKey.get(`x.${format}`) as { width: number; height: number };
    expect([done.width, done.height]).toEqual(format === "png" ? [300, 200] : format === "gif" ? [17, 9] : [1024, 768]);
  });

  test("follows relative and absolute redirects to the image", async () => {
    const target = route((_req, res) => sendBytes(res, JPEG));
    const hop2 = route((_req, res) => void res.writeHead(302, { location: target }).end());
    const hop1 = route((_req, res) => void res.writeHead(301, { location: new URL(hop2).pathname }).end());
    const { byKey } = await runAll([{ url: hop1, key: "r.jpg" }]);
    expect(byKey.get("r.jpg")).toMatchObject({ type: "done", sha256: sha(JPEG) });
  });

  test("createSha256 swaps the hash (node:crypto here) and a wrong one is refused up front", async () => {
    const url = route((_req, res) => sendBytes(res, BIG));
    const { byKey } = await runAll([{ url, key: "n.jpg" }], { createSha256: () => createHash("sha256") });
    expect(byKey.get("n.jpg")).toMatchObject({ type: "done", sha256: sha(BIG) });
    const storage = createMemoryStorage();
    expect(() => createDownloader({ storage, createSha256: () => createHash("md5") })).toThrow(/createSha256/);
    expect(() => createDownloader({ storage, createSha256: 5 as never })).toThrow(TypeError);
  });

  test("high concurrency adds one listener to the run's signal, not one per job (no MaxListeners warning)", async () => {
    const url = route((_req, res) => void setTimeout(() => sendBytes(res, JPEG), 20));
    const warnings: Error[] = [];
    const onWarning = (w: Error) => void warnings.push(w);
    process.on("warning", onWarning);
    try {
      const jobs = Array.from({ length: 40 }, (_, i) => ({ url, key: `many/${i}.jpg` }));
      // Generous timeouts: 32 requests at once on a loaded CI machine must not time out here.
      const { summary } = await runAll(jobs, { concurrency: 32, connectTimeoutMs: 15_000, idleTimeoutMs: 15_000 });
      expect(summary.stored).toBe(40);
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  });

  test("many jobs waiting to retry at once add no listener per job to the run's signal either", async () => {
    const url = route((_req, res, hit) => void (hit <= 40 ? res.writeHead(503).end() : sendBytes(res, JPEG)));
    const warnings: Error[] = [];
    const onWarning = (w: Error) => void warnings.push(w);
    process.on("warning", onWarning);
    try {
      const jobs = Array.from({ length: 40 }, (_, i) => ({ url, key: `waiting/${i}.jpg` }));
      // Every job's first attempt fails; all 40 then sleep before their retry at the same time.
      const { summary } = await runAll(jobs, { concurrency: 40, retryBaseDelayMs: 200, retryMaxDelayMs: 200, random: () => 0.5, connectTimeoutMs: 15_000 });
      expect(summary).toMatchObject({ stored: 40, retries: 40 });
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  });

  test("userAgent and headers options reach the server", async () => {
    const url = route((_req, res) => sendBytes(res, JPEG));
    await runAll([{ url, key: "ua.jpg" }], { userAgent: "my-lab-crawler/2.0 (+mailto:lab@example.org)", headers: { "x-purpose": "research" } });
    const headers = server.lastHeaders.get(new URL(url).pathname);
    expect(headers?.["user-agent"]).toBe("my-lab-crawler/2.0 (+mailto:lab@example.org)");
    expect(headers?.["x-purpose"]).toBe("research");
    expect(headers?.accept).toMatch(/^image\/jpeg/);
  });

  test("the download() shorthand runs the same pipeline", async () => {
    const url = route((_req, res) => sendBytes(res, JPEG));
    const storage = createMemoryStorage();
    const summary = await download([{ url, key: "s.jpg" }], { storage });
    expect(summary.stored).toBe(1);
    expect(stored(storage, "s.jpg")).toBe(sha(JPEG));
  });
});

// Each body either is read whole and put as one piece (the default below 1 MiB) or streams into put.
const BODY_MODES = [
  ["buffered", {}],
  ["streamed", { maxBufferedBytes: 0 }],
] as const;

describe.each(BODY_MODES)("createDownloader (%s bodies): transient failures are retried and leave no partial object", (_mode, bodyMode) => {
  const flaky = (failures: number, fail: Parameters<TestServer["route"]>[1], body = JPEG) =>
    route((req, res, hit) => (hit <= failures ? fail(req, res, hit) : sendBytes(res, body)));

  test.each([
    ["500", (_q: any, res: any) => void res.writeHead(500).end("oops"), "http-500"],
    ["502", (_q: any, res: any) => void res.writeHead(502).end(), "http-502"],
    ["503", (_q: any, res: any) => void res.writeHead(503).end(), "http-503"],
    ["408", (_q: any, res: any) => void res.writeHead(408).end(), "http-408"],
    ["425", (_q: any, res: any) => void res.writeHead(425).end(), "http-425"],
    ["429", (_q: any, res: any) => void res.writeHead(429, { "retry-after": "0" }).end(), "http-429"],
    ["a reset before headers", (_q: any, res: any) => void res.socket.destroy(), "network"],
    [
      "a body cut short under Content-Length",
      (_q: any, res: any) => {
        res.writeHead(200, { "content-type": "image/jpeg", "content-length": String(BIG.byteLength) });
        res.write(BIG.subarray(0, 50_000), () => res.socket.destroy());
      },
      "truncated",
    ],
    [
      "a chunked body that ends early (no FFD9)",
      (_q: any, res: any) => {
        res.writeHead(200, { "content-type": "image/jpeg" });
        res.end(BIG.subarray(0, 60_000));
      },
      "truncated",
    ],
    [
      "a stalled body",
      (_q: any, res: any) => {
        res.writeHead(200, { "content-type": "image/jpeg", "content-length": String(BIG.byteLength) });
        res.write(BIG.subarray(0, 30_000));
      },
      "timeout-idle",
    ],
    ["headers that never come", () => {}, "timeout-connect"],
  ])("%s", async (_name, fail, reason) => {
    const url = flaky(2, fail, BIG);
    const { storage, byKey, events, summary } = await runAll([{ url, key: "f/1.jpg" }], bodyMode);
    const retries = events.filter((e) => e.type === "retry");
    expect(retries.map((e) => e.type === "retry" && e.reason)).toEqual([reason, reason]);
    expect(byKey.get("f/1.jpg")).toMatchObject({ type: "done", attempts: 3, sha256: sha(BIG) });
    expect(stored(storage, "f/1.jpg")).toBe(sha(BIG));
    expect([...storage.objects.keys()]).toEqual(["f/1.jpg"]);
    expect(summary).toMatchObject({ attempts: 3, retries: 2, stored: 1 });
  });

  test("gives up after maxAttempts with the last reason and status, storing nothing", async () => {
    const url = route((_req, res) => void res.writeHead(503, { "content-type": "text/plain" }).end("busy"));
    const { storage, byKey, summary } = await runAll([{ url, key: "g.jpg" }], { maxAttempts: 3, ...bodyMode });
    expect(byKey.get("g.jpg")).toMatchObject({ type: "failed", reason: "http-503", status: 503, attempts: 3 });
    expect((byKey.get("g.jpg") as DownloadFailed).message).toMatch(/gave up after 3 attempts/);
    expect(storage.objects.size).toBe(0);
    expect(summary).toMatchObject({ failed: 1, failedByReason: { "http-503": 1 }, attempts: 3, retries: 2 });
  });

  test("gives up on a body that keeps stalling as timeout-idle", async () => {
    const url = route((_req, res) => {
      res.writeHead(200, { "content-type": "image/jpeg", "content-length": String(BIG.byteLength) });
      res.write(BIG.subarray(0, 10_000));
    });
    const { storage, byKey } = await runAll([{ url, key: "stall.jpg" }], { maxAttempts: 2, idleTimeoutMs: 150, ...bodyMode });
    expect(byKey.get("stall.jpg")).toMatchObject({ type: "failed", reason: "timeout-idle", attempts: 2 });
    expect(storage.objects.size).toBe(0);
  });

  test("a slow but steady body hits timeout-total", async () => {
    const url = route((_req, res) => {
      res.writeHead(200, { "content-type": "image/jpeg", "content-length": String(BIG.byteLength) });
      let offset = 0;
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(BIG.subarray(offset, (offset += 100)));
      }, 20);
      res.on("close", () => clearInterval(timer));
    });
    const { storage, byKey } = await runAll([{ url, key: "slow.jpg" }], { maxAttempts: 1, totalTimeoutMs: 300, ...bodyMode });
    expect(byKey.get("slow.jpg")).toMatchObject({ type: "failed", reason: "timeout-total", attempts: 1 });
    expect(storage.objects.size).toBe(0);
  });

  test("honours Retry-After in seconds and as an HTTP date, capped at maxRetryAfterMs", async () => {
    const seconds = flaky(1, (_q, res) => void res.writeHead(429, { "retry-after": "120" }).end());
    const date = flaky(1, (_q, res) => void res.writeHead(503, { "retry-after": new Date(Date.now() + 3_600_000).toUTCString() }).end());
    const small = flaky(1, (_q, res) => void res.writeHead(503, { "retry-after": "0" }).end());
    const { events, byKey } = await runAll(
      [
        { url: seconds, key: "s.jpg" },
        { url: date, key: "d.jpg" },
        { url: small, key: "z.jpg" },
      ],
      { maxRetryAfterMs: 40, random: () => 0.999 },
    );
    const delay = (key: string) => events.find((e) => e.type === "retry" && e.key === key) as { delayMs: number; status: number };
    expect(delay("s.jpg")).toMatchObject({ delayMs: 40, status: 429 });
    expect(delay("d.jpg")).toMatchObject({ delayMs: 40, status: 503 });
    expect(delay("z.jpg")).toMatchObject({ delayMs: 0 });
    for (const key of ["s.jpg", "d.jpg", "z.jpg"]) expect(byKey.get(key)).toMatchObject({ type: "done", attempts: 2 });
  });

  test("backoff without Retry-After grows exponentially with full jitter", async () => {
    const url = flaky(3, (_q, res) => void res.writeHead(500).end());
    const { events } = await runAll([{ url, key: "b.jpg" }], { retryBaseDelayMs: 10, retryMaxDelayMs: 1000, random: () => 0.5 });
    expect(events.filter((e) => e.type === "retry").map((e) => (e as { delayMs: number }).delayMs)).toEqual([5, 10, 20]);
  });
});

describe.each(BODY_MODES)("createDownloader (%s bodies): refusals are recorded with a reason", (_mode, bodyMode) => {
  const redirectTo = (location: string, status = 302) => route((_q, res) => void res.writeHead(status, { location }).end());
  let loopPath = "";

  test.each([
    ["a relative URL", () => "cats/1.jpg", "invalid-url"],
    ["an ftp URL", () => "ftp://127.0.0.1/cat.jpg", "unsupported-protocol"],
    ["a data: URL", () => "data:image/jpeg;base64,/9j/", "unsupported-protocol"],
    ["a redirect to file:", () => redirectTo("file:///etc/passwd"), "redirect-unsupported-protocol"],
    ["a redirect to javascript:", () => redirectTo("javascript:alert(1)", 307), "redirect-unsupported-protocol"],
    ["a redirect without Location", () => route((_q, res) => void res.writeHead(302).end()), "redirect-invalid"],
    [
      "a redirect loop",
      () => {
        const url = route((_q, res) => void res.writeHead(302, { location: loopPath }).end());
        loopPath = new URL(url).pathname;
        return url;
      },
      "too-many-redirects",
    ],
    ["a 404", () => route((_q, res) => void res.writeHead(404).end("gone")), "http-404"],
    ["a 403", () => route((_q, res) => void res.writeHead(403).end()), "http-403"],
    [
      "an HTML page with status 200",
      () => route((_q, res) => sendBytes(res, new TextEncoder().encode("<!doctype html><h1>Not found</h1>"), "image/jpeg")),
      "not-an-image",
    ],
    ["an empty body", () => route((_q, res) => sendBytes(res, new Uint8Array(0))), "empty-body"],
    ["an empty chunked body", () => route((_q, res) => void res.writeHead(200, { "content-type": "image/jpeg" }).end()), "empty-body"],
    ["a Content-Length above maxBytes", () => route((_q, res) => sendBytes(res, BIG)), "too-large"],
    [
      "a chunked body that grows past maxBytes",
      () =>
        route((_q, res) => {
          res.writeHead(200, { "content-type": "image/jpeg" });
          res.end(BIG);
        }),
      "too-large",
    ],
  ])("%s", async (_name, makeUrl, reason) => {
    const url = makeUrl();
    const { storage, byKey, summary } = await runAll([{ url, key: "bad/1.jpg" }], { maxBytes: 100_000, maxRedirects: 3, ...bodyMode });
    const result = byKey.get("bad/1.jpg") as DownloadFailed;
    expect(result).toMatchObject({ type: "failed", reason, attempts: expect.any(Number) });
    expect(result.message.length).toBeGreaterThan(10);
    expect(result.attempts).toBeLessThanOrEqual(1);
    expect(isRetryableReason(result.reason)).toBe(false);
    expect(storage.objects.size).toBe(0);
    expect(summary.failedByReason).toEqual({ [reason]: 1 });
  });

  test("a key the storage refuses fails as invalid-key without a request", async () => {
    const url = route((_q, res) => sendBytes(res, JPEG));
    const { byKey } = await runAll([{ url, key: "../escape.jpg" }], bodyMode);
    expect(byKey.get("../escape.jpg")).toMatchObject({ type: "failed", reason: "invalid-key", attempts: 0 });
    expect(server.hits.get(new URL(url).pathname)).toBeUndefined();
  });

  test("a format left out of formats is not-an-image", async () => {
    const url = route((_q, res) => sendBytes(res, makePng(2, 2), "image/png"));
    const { byKey } = await runAll([{ url, key: "p.png" }], { formats: ["jpeg"], ...bodyMode });
    expect(byKey.get("p.png")).toMatchObject({ type: "failed", reason: "not-an-image" });
  });

  test("bad options are TypeErrors naming the option", () => {
    const storage = createMemoryStorage();
    expect(() => createDownloader({ storage, concurrency: 0 })).toThrow(/concurrency/);
    expect(() => createDownloader({ storage, maxAttempts: 1.5 })).toThrow(TypeError);
    expect(() => createDownloader({ storage, formats: ["bmp" as "jpeg"] })).toThrow(/formats/);
    expect(() => createDownloader({} as DownloaderOptions)).toThrow(/storage/);
    expect(() => createDownloader({ storage, inFlightOnAbort: "later" as "abort" })).toThrow(/inFlightOnAbort/);
    expect(() => createDownloader({ storage, maxBufferedBytes: -1 })).toThrow(/maxBufferedBytes/);
    expect(() => createDownloader({ storage, maxBufferedBytes: 0.5 })).toThrow(/maxBufferedBytes/);
  });
});

describe("createDownloader: resume, duplicates, limits", () => {
  test("skips keys already stored without a request, unless skipExisting is false", async () => {
    const url = route((_q, res) => sendBytes(res, JPEG));
    const storage = createMemoryStorage();
    await storage.put("have.jpg", JPEG2);
    const first = await runAll([{ url, key: "have.jpg" }], { storage });
    expect(first.byKey.get("have.jpg")).toMatchObject({ type: "skipped", reason: "exists", bytes: JPEG2.byteLength });
    expect(first.summary).toMatchObject({ skipped: 1, stored: 0, attempts: 0 });
    expect(server.hits.get(new URL(url).pathname)).toBeUndefined();
    const again = await runAll([{ url, key: "have.jpg" }], { storage, skipExisting: false });
    expect(again.byKey.get("have.jpg")).toMatchObject({ type: "done" });
    expect(stored(storage, "have.jpg")).toBe(sha(JPEG));
  });

  test("the content-hash hook drops byte-identical bodies before they are stored", async () => {
    const a = route((_q, res) => sendBytes(res, JPEG));
    const b = route((_q, res) => sendBytes(res, JPEG));
    const c = route((_q, res) => sendBytes(res, JPEG2));
    const seen = new Map<string, string>();
    const asked: string[] = [];
    const { storage, byKey, summary } = await runAll(
      [
        { url: a, key: "d/a.jpg" },
        { url: b, key: "d/b.jpg" },
        { url: c, key: "d/c.jpg" },
      ],
      {
        concurrency: 1,
        isDuplicate: (hash, job) => {
          asked.push(job.key);
          if (seen.has(hash)) return true;
          seen.set(hash, job.key);
          return false;
        },
      },
    );
    expect(asked).toEqual(["d/a.jpg", "d/b.jpg", "d/c.jpg"]);
    expect(byKey.get("d/b.jpg")).toMatchObject({ type: "skipped", reason: "duplicate", sha256: sha(JPEG), bytes: JPEG.byteLength });
    expect([...storage.objects.keys()].sort()).toEqual(["d/a.jpg", "d/c.jpg"]);
    expect(summary).toMatchObject({ stored: 2, duplicates: 1, skipped: 0 });
  });

  test("DownloadJobError carries reason, status and retryability and is recognised by marker", () => {
    const error = new DownloadJobError("http-503", "GET x answered 503", { url: "http://x/", key: "k.jpg", status: 503, retryAfterMs: 1000 });
    expect(error).toMatchObject({ name: "DownloadJobError", reason: "http-503", status: 503, retryAfterMs: 1000, isRetryable: true });
    expect(DownloaderError.isInstance(error)).toBe(true);
    expect(DownloaderError.isInstance(Object.assign(new Error("x"), { name: "DownloadJobError" }))).toBe(false);
  });

  test("a throwing duplicate hook rejects the run with DuplicateHookError and stores nothing", async () => {
    const url = route((_q, res) => sendBytes(res, JPEG));
    const storage = createMemoryStorage();
    const run = createDownloader({
      storage,
      isDuplicate: () => {
        throw new Error("db down");
      },
    }).run([{ url, key: "h.jpg" }]);
    await expect(run).rejects.toMatchObject({ name: "DuplicateHookError" });
    expect(storage.objects.size).toBe(0);
  });

  test("pulls jobs lazily: never more than 2 x `concurrency` ahead of the results (that many downloading, as many committing)", async () => {
    const url = route((_q, res) => sendBytes(res, JPEG));
    let pulled = 0;
    const pulledAtResult: number[] = [];
    let results = 0;
    async function* jobs() {
      for (let i = 0; i < 20; i++) {
        pulled++;
        yield { url, key: `lazy/${i}.jpg` };
      }
    }
    const summary = await createDownloader({
      storage: createMemoryStorage(),
      concurrency: 3,
      onEvent: (e) => {
        if (e.type === "done") {
          results++;
          pulledAtResult.push(pulled - results);
        }
      },
    }).run(jobs());
    expect(summary.stored).toBe(20);
    expect(Math.max(...pulledAtResult)).toBeLessThanOrEqual(6);
  });

  test("perHostConcurrency bounds requests open at once to one host", async () => {
    const slow = await startTestServer();
    try {
      slow.route("/x.jpg", (_q, res) => void setTimeout(() => sendBytes(res, JPEG), 30));
      const jobs = Array.from({ length: 12 }, (_, i) => ({ url: `${slow.url}/x.jpg?i=${i}`, key: `h/${i}.jpg` }));
      const { summary } = await runAll(jobs, { concurrency: 8, perHostConcurrency: 2 });
      expect(summary.stored).toBe(12);
      expect(slow.peak()).toBeLessThanOrEqual(2);
    } finally {
      await slow.close();
    }
  });

  test("a busy host does not hold up jobs for other hosts: they go ahead while its jobs wait", async () => {
    const a = await startTestServer();
    const b = await startTestServer();
    try {
      let release = (_by: string) => {};
      const gate = new Promise<string>((resolve) => (release = resolve));
      // Without parking, host a's queued jobs would hold every worker and b would never be asked.
      const fallback = setTimeout(() => release("timeout"), 3000);
      a.route("/x.jpg", async (_q, res) => {
        await gate;
        sendBytes(res, JPEG);
      });
      b.route("/y.jpg", (_q, res, hit) => {
        sendBytes(res, JPEG2);
        if (hit === 3) release("host b");
      });
      const jobs = [
        ...Array.from({ length: 4 }, (_, i) => ({ url: `${a.url}/x.jpg?i=${i}`, key: `a/${i}.jpg` })),
        ...Array.from({ length: 3 }, (_, i) => ({ url: `${b.url}/y.jpg?i=${i}`, key: `b/${i}.jpg` })),
      ];
      const { summary } = await runAll(jobs, { concurrency: 4, perHostConcurrency: 1, connectTimeoutMs: 10_000 });
      clearTimeout(fallback);
      expect(await gate).toBe("host b");
      expect(summary).toMatchObject({ jobs: 7, stored: 7 });
      expect(a.peak()).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test("emits started, bytes and one result per job, with an end event carrying the summary", async () => {
    const url = route((_q, res) => sendBytes(res, BIG));
    const { events, summary } = await runAll([{ url, key: "ev.jpg" }]);
    expect(events[0]).toMatchObject({ type: "started", key: "ev.jpg" });
    const bytes = events.filter((e) => e.type === "bytes");
    expect(bytes.reduce((n, e) => n + (e as { bytes: number }).bytes, 0)).toBe(BIG.byteLength);
    expect(bytes.at(-1)).toMatchObject({ received: BIG.byteLength, total: BIG.byteLength });
    expect(events.at(-1)).toEqual({ type: "end", summary });
    expect(JSON.parse(JSON.stringify(events.at(-2)))).toMatchObject({ type: "done", key: "ev.jpg" });
  });

  test("a job source that throws rejects the run with its error, after the jobs it gave have settled", async () => {
    const url = route((_q, res) => sendBytes(res, JPEG));
    const broken = new Error("input file unreadable");
    async function* jobs() {
      yield { url, key: "src/1.jpg" };
      yield { url, key: "src/2.jpg" };
      throw broken;
    }
    const events: DownloadEvent[] = [];
    const storage = createMemoryStorage();
    const run = createDownloader({ storage, concurrency: 1, onEvent: (e) => void events.push(e) }).run(jobs());
    await expect(run).rejects.toBe(broken);
    expect([...storage.objects.keys()].sort()).toEqual(["src/1.jpg", "src/2.jpg"]);
    expect(events.at(-1)).toMatchObject({ type: "end", summary: { jobs: 2, stored: 2 } });
  });

  test("run refuses something that is not an iterable of jobs", async () => {
    await expect(createDownloader({ storage: createMemoryStorage() }).run(42 as never)).rejects.toThrow(TypeError);
  });

  test("an onEvent that throws stops the run and rejects with its error", async () => {
    const url = route((_q, res) => sendBytes(res, JPEG));
    const boom = new Error("log disk full");
    const run = createDownloader({
      storage: createMemoryStorage(),
      onEvent: (e) => {
        if (e.type === "done") throw boom;
      },
    }).run([
      { url, key: "e1.jpg" },
      { url, key: "e2.jpg" },
      { url, key: "e3.jpg" },
    ]);
    await expect(run).rejects.toBe(boom);
  });
});

describe("createDownloader: connection slots and buffered bodies", () => {
  test.each([
    [BIG.byteLength, "announced", "Uint8Array"],
    [0, "announced", "ReadableStream"],
    [BIG.byteLength - 1, "announced", "ReadableStream"],
    [BIG.byteLength, "chunked", "ReadableStream"],
  ] as const)("maxBufferedBytes %i, a body of %s length: put gets a %s", async (maxBufferedBytes, length, expected) => {
    const url = route((_q, res) => {
      if (length === "announced") return sendBytes(res, BIG);
      res.writeHead(200, { "content-type": "image/jpeg" });
      res.end(BIG);
    });
    const memory = createMemoryStorage();
    const bodies: string[] = [];
    const storage = {
      ...memory,
      put: (key: string, body: any, o?: any) => (
        bodies.push(body instanceof Uint8Array ? "Uint8Array" : body instanceof ReadableStream ? "ReadableStream" : typeof body),
        memory.put(key, body, o)
      ),
    };
    const { byKey } = await runAll([{ url, key: "m.jpg" }], { storage, maxBufferedBytes });
    expect(bodies).toEqual([expected]);
    expect(byKey.get("m.jpg")).toMatchObject({ type: "done", bytes: BIG.byteLength, sha256: sha(BIG), width: 640, height: 480 });
    expect(stored(memory, "m.jpg")).toBe(sha(BIG));
  });

  test.each(BODY_MODES)("a %s body that has arrived frees its slot while its put commits", async (_mode, bodyMode) => {
    // concurrency 1: the second download can only start if the first put no longer holds the slot.
    const local = await startTestServer();
    let opened: () => void = () => {};
    const gate = new Promise<"second request seen" | "timed out">((resolve) => {
      opened = () => resolve("second request seen");
      setTimeout(() => resolve("timed out"), 3_000).unref?.();
    });
    try {
      local.route("/one.jpg", (_q, res) => sendBytes(res, JPEG));
      local.route("/two.jpg", (_q, res) => {
        opened();
        sendBytes(res, JPEG2);
      });
      const memory = createMemoryStorage();
      const storage = {
        ...memory,
        async put(key: string, body: any, o?: any) {
          const bytes = body instanceof Uint8Array ? body : new Uint8Array(await new Response(body).arrayBuffer());
          // The commit of the first file waits until the second file's request reached the server.
          if (key === "one.jpg") expect(await gate).toBe("second request seen");
          await memory.put(key, bytes, o);
        },
      };
      const { byKey, summary } = await runAll(
        [
          { url: `${local.url}/one.jpg`, key: "one.jpg" },
          { url: `${local.url}/two.jpg`, key: "two.jpg" },
        ],
        { storage, concurrency: 1, ...bodyMode },
      );
      expect(summary).toMatchObject({ stored: 2, failed: 0 });
      expect(byKey.get("one.jpg")).toMatchObject({ type: "done", sha256: sha(JPEG) });
      expect(local.peak()).toBe(1);
    } finally {
      await local.close();
    }
  });

  test("a retry after the body had arrived waits for a free slot again: never more than concurrency requests open", async () => {
    const local = await startTestServer();
    try {
      // a's first body arrives at ~400 ms and frees the slot; b then holds it until ~1,200 ms.
      // a's commit hangs until its totalTimeoutMs (1,000 ms) gives up, so its retry comes
      // while b is still open, and must wait for it.
      local.route("/a.jpg", (_q, res, hit) => void (hit === 1 ? setTimeout(() => sendBytes(res, JPEG), 400) : sendBytes(res, JPEG)));
      local.route("/b.jpg", (_q, res) => void setTimeout(() => sendBytes(res, JPEG2), 800));
      const memory = createMemoryStorage();
      let firstPut = true;
      const storage = {
        ...memory,
        async put(key: string, body: any, o?: { signal?: AbortSignal }) {
          if (key === "a.jpg" && firstPut) {
            firstPut = false;
            // A commit that hangs until the attempt's totalTimeoutMs gives up on it.
            await new Promise((_resolve, reject) => o?.signal?.addEventListener("abort", () => reject(o.signal!.reason), { once: true }));
          }
          await memory.put(key, body, o);
        },
      };
      const { byKey, events } = await runAll(
        [
          { url: `${local.url}/a.jpg`, key: "a.jpg" },
          { url: `${local.url}/b.jpg`, key: "b.jpg" },
        ],
        { storage, concurrency: 1, totalTimeoutMs: 1_000, connectTimeoutMs: 5_000 },
      );
      expect(events.find((e) => e.type === "retry")).toMatchObject({ key: "a.jpg", reason: "timeout-total" });
      expect(byKey.get("a.jpg")).toMatchObject({ type: "done", attempts: 2 });
      expect(byKey.get("b.jpg")).toMatchObject({ type: "done", attempts: 1 });
      expect(local.peak()).toBe(1);
    } finally {
      await local.close();
    }
  });
});

describe("createDownloader: abort", () => {
  // Bodies that stop after 20 KB; `onStalled` runs once `count` of them have stalled.
  const stallingJobs = (n: number, count: number, onStalled: () => void) => {
    let stalled = 0;
    const url = route((_q, res) => {
      res.writeHead(200, { "content-type": "image/jpeg", "content-length": String(BIG.byteLength) });
      res.write(BIG.subarray(0, 20_000), () => void (++stalled === count && setTimeout(onStalled, 20)));
    });
    return Array.from({ length: n }, (_, i) => ({ url, key: `ab/${i}.jpg` }));
  };

  test.each(BODY_MODES)("aborting mid-run stops new work, aborts in-flight %s bodies and leaves no partial object", async (_mode, bodyMode) => {
    const storage = createMemoryStorage();
    const controller = new AbortController();
    const events: DownloadEvent[] = [];
    const reason = new Error("user pressed ctrl-c");
    const run = createDownloader({
      ...FAST,
      ...bodyMode,
      idleTimeoutMs: 10_000,
      storage,
      concurrency: 2,
      onEvent: (e) => void events.push(e),
    }).run(
      stallingJobs(10, 2, () => controller.abort(reason)),
      { signal: controller.signal },
    );
    await expect(run).rejects.toBe(reason);
    expect(storage.objects.size).toBe(0);
    const failed = events.filter((e) => e.type === "failed") as DownloadFailed[];
    expect(failed.length).toBe(2);
    expect(failed.map((f) => [f.reason, f.attempts])).toEqual([
      ["aborted", 1],
      ["aborted", 1],
    ]);
    const end = events.at(-1) as { type: "end"; summary: { aborted: boolean; jobs: number } };
    expect(end.summary).toMatchObject({ aborted: true, jobs: 2 });
  });

  test("jobs parked behind a busy host are reported aborted, so every job taken has a result", async () => {
    const url = route((_q, res) => void res.writeHead(200, { "content-type": "image/jpeg" }).write(JPEG.subarray(0, 100)));
    const controller = new AbortController();
    const events: DownloadEvent[] = [];
    const run = createDownloader({
      ...FAST,
      idleTimeoutMs: 10_000,
      storage: createMemoryStorage(),
      concurrency: 3,
      perHostConcurrency: 1,
      onEvent: (e) => {
        events.push(e);
        if (e.type === "bytes") controller.abort(new Error("stop"));
      },
    }).run(
      Array.from({ length: 8 }, (_, i) => ({ url: `${url}?i=${i}`, key: `park/${i}.jpg` })),
      { signal: controller.signal },
    );
    await expect(run).rejects.toThrow("stop");
    const end = events.at(-1) as { type: "end"; summary: { jobs: number; failed: number; stored: number; failedByReason: object } };
    expect(end.summary.jobs).toBeGreaterThan(1);
    expect(end.summary).toMatchObject({ stored: 0, failed: end.summary.jobs, failedByReason: { aborted: end.summary.jobs } });
    expect(events.filter((e) => e.type === "failed")).toHaveLength(end.summary.jobs);
  });

  test('inFlightOnAbort "finish" lets running jobs complete and starts no more', async () => {
    let open = () => {};
    const gate = { promise: new Promise<void>((resolve) => (open = resolve)), resolve: () => open() };
    const url = route(async (_q, res) => {
      await gate.promise;
      sendBytes(res, JPEG);
    });
    const storage = createMemoryStorage();
    const controller = new AbortController();
    let started = 0;
    const run = createDownloader({
      ...FAST,
      storage,
      concurrency: 2,
      inFlightOnAbort: "finish",
      onEvent: (e) => {
        if (e.type === "started" && ++started === 2) {
          controller.abort(new Error("stop"));
          gate.resolve();
        }
      },
    }).run(
      Array.from({ length: 6 }, (_, i) => ({ url, key: `fin/${i}.jpg` })),
      { signal: controller.signal },
    );
    await expect(run).rejects.toThrow("stop");
    expect([...storage.objects.keys()].sort()).toEqual(["fin/0.jpg", "fin/1.jpg"]);
  });
});
