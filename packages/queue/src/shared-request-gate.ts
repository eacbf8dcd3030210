import { sleep } from "@cat-harvest/http";
import { Redis } from "ioredis";
import { workerConnection } from "./bullmq-connection.js";
import type { RedisConnection } from "./redis-connection.js";
import type { SharedRateLimit } from "./run-worker.js";

// Lets a request start now when the last start of any process was `interval` ms ago or more
// (and notes this start), else says how long to wait; on Redis's own clock, so workers on
// machines whose clocks differ share one schedule. Starts are noted when they happen, not when
// a slot was promised: a process whose timer fired late never squeezes the next start.
const START = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '')
if last and now - last < interval then return last + interval - now end
redis.call('SET', KEYS[1], now, 'PX', interval + 60000)
return 0`;

/**
 * How much wider than the rate the spacing is. A request reaches the API a little after its
 * start is noted (a process's first fetch sets up its HTTP client, a busy machine): a quarter of
 * the spacing of such delay still never puts more than `max` requests in one window as the API counts them.
 */
const SLACK = 0.25;

/** A request ceiling shared by every process that opens it with the same key. */
export interface RequestGate {
  /** Waits until this process may start a request (aborts with `signal`'s reason). */
  take(signal?: AbortSignal): Promise<void>;
  /** A `fetch` that takes a slot before each request. */
  wrap(fetch: typeof globalThis.fetch): typeof globalThis.fetch;
  close(): Promise<void>;
}

/**
 * Opens a request ceiling kept in Redis under `key`: a request through any process's gate of that
 * key starts `durationMs / max` (and a quarter: `SLACK`) or more after the start before it, so no
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
    for (;;) {
      signal?.throwIfAborted();
      const wait = Number(await redis.eval(START, 1, key, interval));
      if (wait <= 0) return;
      // A few ms of spread, so processes waiting for one start do not all ask at once.
      await sleep(wait + Math.random() * 10, signal);
    }
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
