import { sleep } from "@cat-harvest/http";
import { Redis } from "ioredis";
import { workerConnection } from "./bullmq-connection.js";
import type { RedisConnection } from "./redis-connection.js";
import type { SharedRateLimit } from "./run-worker.js";

// Reserves the next request slot, spaced `interval` ms after the one before, on Redis's own
// clock (so workers on machines whose clocks differ share one schedule); returns the wait.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local interval = tonumber(ARGV[1])
redis.call('SET', KEYS[1], at + interval, 'PX', interval + 60000)
return at - now`;

/**
 * How much wider than the rate the slots are. A request reaches the API a little after its slot
 * (a process's first fetch sets up its HTTP client, a busy event loop): a quarter of a slot of
 * such delay still never puts more than `max` requests in one window as the API counts them.
 */
const SLACK = 0.25;

/** A request ceiling shared by every process that opens it with the same key. */
export interface RequestGate {
  /** Waits for this process's next request slot (aborts with `signal`'s reason). */
  take(signal?: AbortSignal): Promise<void>;
  /** A `fetch` that takes a slot before each request. */
  wrap(fetch: typeof globalThis.fetch): typeof globalThis.fetch;
  close(): Promise<void>;
}

/**
 * Opens a request ceiling kept in Redis under `key`: every request through any process's gate
 * of that key takes the next slot, `durationMs / max` (and a quarter: `SLACK`) after the one before, so no
 * window of `durationMs` sees more than `max` requests from all of them together (a source's polite rate
 * over every worker). Redis away: a take waits for it to come back.
 */
export function openRequestGate(connection: RedisConnection, key: string, limit: SharedRateLimit): RequestGate {
  if (!(limit.max >= 1 && limit.durationMs > 0))
    throw new RangeError(`openRequestGate: max must be 1 or more and durationMs above 0, got ${limit.max} per ${limit.durationMs} ms`);
  const redis = new Redis({ ...workerConnection(connection), lazyConnect: true });
  redis.on("error", () => {}); // reconnects by itself; a take waits meanwhile
  const interval = Math.ceil((limit.durationMs / limit.max) * (1 + SLACK));
  const take = async (signal?: AbortSignal) => {
    signal?.throwIfAborted();
    const wait = Number(await redis.eval(RESERVE, 1, key, interval));
    await sleep(wait, signal);
  };
  return {
    take,
    wrap: (fetch) => async (input, init) => {
      await take(init?.signal ?? undefined);
      return fetch(input, init);
    },
    async close() {
      redis.disconnect();
    },
  };
}
