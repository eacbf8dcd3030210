import { bulkImageNumber, bulkImageParts, bulkImagePath, bulkImageSha256, MAX_BULK_IMAGE } from "./bulk-images.js";
import { controlResponse, isControlPath } from "./control-routes.js";
import { IMAGE_CONTENT_TYPES } from "./image-parts.js";
import { checkInteger, checkText } from "./option-checks.js";
import { mapLines, type EmulatorRequest, type EmulatorResponse, type Reply } from "./responses.js";
import { serveEmulator } from "./serve.js";
import { type RequestStats, StatsCounter } from "./stats.js";

/** Options of `startBulkCdn`. */
export interface BulkCdnOptions {
  /** Seed of the image bytes. @default 1 */
  seed?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Delay before every image response, in milliseconds. @default 0 */
  latencyMs?: number;
}

/** A running bulk CDN. */
export interface BulkCdn {
  /** `http://HOST:PORT`; bulk image `n` is at `url + bulkImagePath(n)`. */
  readonly url: string;
  readonly seed: number;
  stats(): RequestStats;
  stop(): Promise<void>;
}

/** Most truth lines one request may ask for. */
const MAX_TRUTH_LINES = 10_000_000;

const json = (status: number, body: unknown): Reply => ({ status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** The truth's range from `?from=A&count=N` (defaults 0 and 1000), or a 400 naming the bad value. */
function truthRange(search: URLSearchParams): { from: number; count: number } | Reply {
  const from = Number(search.get("from") ?? 0);
  const count = Number(search.get("count") ?? 1000);
  if (!Number.isInteger(from) || from < 0 || from > MAX_BULK_IMAGE) {
    return json(400, { message: `from must be an integer from 0 to ${MAX_BULK_IMAGE}; got "${search.get("from")}".` });
  }
  if (!Number.isInteger(count) || count < 0 || count > MAX_TRUTH_LINES || from + count > MAX_BULK_IMAGE + 1) {
    return json(400, { message: `count must be an integer from 0 to ${MAX_TRUTH_LINES} within the image numbers; got "${search.get("count")}".` });
  }
  return { from, count };
}

function* range(from: number, count: number): Generator<number> {
  for (let n = from; n < from + count; n++) yield n;
}

/** The truth of a bulk CDN: one JSON line per image of the range, generated as it streams. */
function bulkTruth(origin: string, seed: number, search: URLSearchParams): Iterable<string> | Reply {
  const r = truthRange(search);
  if ("status" in r) return r;
  return mapLines(range(r.from, r.count), (n) => {
    const parts = bulkImageParts(seed, n);
    return `${JSON.stringify({ url: origin + bulkImagePath(n), n, bytes: parts.length, sha256: bulkImageSha256(seed, n) })}\n`;
  });
}

/** The handler of a bulk CDN: `/_bulk/<n>.jpg`, `/_emulator/stats` and `/_emulator/truth?from=&count=`. */
function bulkHandler(origin: string, seed: number, stats: StatsCounter): (request: EmulatorRequest) => EmulatorResponse {
  return (request) => {
    const url = new URL(request.url, origin);
    if (isControlPath(url.pathname)) {
      return controlResponse(request.method, url, {
        stats,
        truth: (search) => bulkTruth(origin, seed, search),
        ok: (body) => json(200, body),
        methodNotAllowed: (allow) => ({ ...json(405, { message: `${allow} only` }), headers: { "content-type": "application/json", allow } }),
        notFound: () => json(404, { message: "not found" }),
      });
    }
    const n = bulkImageNumber(url.pathname);
    const head = request.method === "HEAD";
    if (n === undefined || (request.method !== "GET" && !head)) {
      return stats.reply("GET other", json(404, { message: `not found: bulk images are at /_bulk/<n>.jpg, n from 0 to ${MAX_BULK_IMAGE}` }));
    }
    stats.count("GET bulk image", 200);
    return { kind: "image", head, headers: { "content-type": IMAGE_CONTENT_TYPES.jpeg }, parts: bulkImageParts(seed, n) };
  };
}

/**
 * A photo CDN for scale tests: serves any of `MAX_BULK_IMAGE + 1` distinct small JPEGs at
 * `/_bulk/<n>.jpg`, derived from (seed, n) on request, so a list of a million distinct URLs
 * costs it no memory. Its `/_emulator/truth?from=A&count=N` streams `{ url, n, bytes, sha256 }`.
 */
export async function startBulkCdn(options: BulkCdnOptions = {}): Promise<BulkCdn> {
  const fn = "startBulkCdn";
  const seed = checkInteger(fn, "seed", options.seed ?? 1, 0, Number.MAX_SAFE_INTEGER, "Pass e.g. seed: 1.");
  const host = options.host ?? "127.0.0.1";
  checkText(fn, "host", host, ' such as "127.0.0.1"');
  const port = checkInteger(fn, "port", options.port ?? 0, 0, 65535, "Use 0 for a free port.");
  const latencyMs = checkInteger(fn, "latencyMs", options.latencyMs ?? 0, 0, 600_000, "Use 0 for no added latency.");
  const stats = new StatsCounter();
  const served = await serveEmulator({ host, port, latencyMs, stallMs: 0, listenError: (cause) => cause }, (origin) => bulkHandler(origin, seed, stats));
  return { url: served.url, seed, stats: () => stats.snapshot(), stop: () => served.stop() };
}
