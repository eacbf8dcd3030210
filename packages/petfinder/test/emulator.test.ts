// The client against the offline emulator over real HTTP on loopback.
import { startEmulator } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PetfinderAuthError,
  PetfinderBadRequestError,
  PetfinderNotFoundError,
  PetfinderQuotaError,
  createPetfinderClient,
  type Animal,
  type PetfinderClientOptions,
  type PetfinderRequestEvent,
} from "@cat-harvest/petfinder";
import { tokenRequests } from "./helpers/emulator-stats.js";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 50 } as const;
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 1, scale: 0.05, host: "127.0.0.1", port: 0, rateLimit: 0 });
});
afterAll(async () => {
  await emulator?.stop();
});

const clientFor = (url: string, options: Partial<PetfinderClientOptions> = {}) =>
  createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: url, requestsPerSecond: Infinity, retry: FAST_RETRY, ...options });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("every endpoint", () => {
  test("types, type and breeds", async () => {
    const client = clientFor(emulator.url);
    const types = await client.types();
    expect(types.map((t) => t.name)).toEqual(expect.arrayContaining(["Cat", "Dog", "Small & Furry", "Scales, Fins & Other"]));
    const cat = await client.type("Cat");
    expect(cat.name).toBe("Cat");
    expect(cat.coats).toContain("Short");
    expect((await client.type("small-furry")).name).toBe("Small & Furry");
    const breeds = (await client.breeds("cat")).map((b) => b.name);
    expect(breeds).toContain("Domestic Short Hair");
    expect(breeds).toEqual([...breeds].sort((a, b) => a.localeCompare(b)));
  });

  test("animals (one page), animal, organizations (one page) and organization", async () => {
    const client = clientFor(emulator.url);
    const page = await client.animals({ type: "cat", limit: 5 });
    expect(page.animals).toHaveLength(5);
    expect(page.pagination.current_page).toBe(1);
    expect(page.pagination.total_count).toBeGreaterThan(5);
    const first = page.animals[0]!;
    const again = await client.animal(first.id);
    expect(again.id).toBe(first.id);
    expect(again.photos).toEqual(first.photos);
    expect(again.breeds).toEqual(first.breeds);

    const orgs = await client.organizations({ limit: 3 });
    expect(orgs.organizations).toHaveLength(3);
    const org = await client.organization(first.organization_id);
    expect(org.id.toUpperCase()).toBe(first.organization_id.toUpperCase());
  });

  test("filters reach the server: breed, several breeds, good_with_cats", async () => {
    const client = clientFor(emulator.url);
    const bengals = await client.animals({ type: "cat", breed: "Bengal", limit: 100 });
    expect(bengals.animals.length).toBeGreaterThan(0);
    for (const a of bengals.animals) expect([a.breeds.primary, a.breeds.secondary]).toContain("Bengal");
    const two = await client.animals({ type: "cat", breed: ["Bengal", "Siamese"], limit: 1 });
    expect(two.pagination.total_count).toBeGreaterThanOrEqual(bengals.pagination.total_count);
    const friendly = await client.animals({ type: "cat", good_with_cats: true, limit: 100 });
    for (const a of friendly.animals) expect(a.environment.cats).toBe(true);
  });

  test("unknown records and bad values give typed errors", async () => {
    const client = clientFor(emulator.url);
    await expect(client.animal(1)).rejects.toBeInstanceOf(PetfinderNotFoundError);
    await expect(client.organization("ABC1234")).rejects.toBeInstanceOf(PetfinderNotFoundError);
    await expect(client.type("elephant")).rejects.toBeInstanceOf(PetfinderNotFoundError);
    const error = await client.animals({ type: "Unicorn" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PetfinderBadRequestError);
    expect((error as PetfinderBadRequestError).invalidParams.map((p) => p.path)).toContain("type");
  });
});

describe("paging", () => {
  test("searchAnimals streams every record of a breed, same as one page per request of 7", async () => {
    const client = clientFor(emulator.url);
    const params = { type: "cat", breed: "Domestic Medium Hair" };
    const all = await collect(client.searchAnimals(params));
    const { pagination } = await client.animals({ ...params, limit: 1 });
    expect(all).toHaveLength(pagination.total_count);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    const small = await collect(client.searchAnimals({ ...params, limit: 7 }));
    expect(small.map((a) => a.id)).toEqual(all.map((a) => a.id));
  });

  test("maxPages and maxRecords stop the search", async () => {
    const client = clientFor(emulator.url);
    const pages = await collect(client.animalPages({ type: "cat", limit: 5 }, { maxPages: 2 }));
    expect(pages.map((p) => p.pagination.current_page)).toEqual([1, 2]);
    const records = await collect(client.searchAnimals({ type: "cat", limit: 5 }, { maxRecords: 12 }));
    expect(records).toHaveLength(12);
    const cut = await collect(client.animalPages({ type: "cat", limit: 5 }, { maxRecords: 12 }));
    expect(cut.map((p) => p.animals.length)).toEqual([5, 5, 2]);
    const orgs = await collect(client.searchOrganizations({ limit: 2 }, { maxRecords: 5 }));
    expect(orgs).toHaveLength(5);
    expect(new Set(orgs.map((o) => o.id)).size).toBe(5);
  });

  /** A fetch that counts the /v2/animals requests open at once, and those aborted. */
  function countingFetch() {
    const seen = { open: 0, peak: 0, aborted: 0, requests: 0 };
    const fetchFn: typeof globalThis.fetch = async (input, init) => {
      const isPage = String(input instanceof Request ? input.url : input).includes("/v2/animals");
      if (!isPage) return fetch(input, init);
      seen.requests++;
      seen.open++;
      seen.peak = Math.max(seen.peak, seen.open);
      const signal = input instanceof Request ? input.signal : init?.signal;
      try {
        const response = await fetch(input, init);
        // Hold the page a little, as a server 20 ms away would (and give it up on abort).
        await new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, 20);
          signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
        });
        return response;
      } catch (error) {
        if (signal?.aborted) seen.aborted++;
        throw error;
      } finally {
        seen.open--;
      }
    };
    return { seen, fetchFn };
  }

  test("prefetch reads pages ahead, in order, with at most 1 + prefetch requests open", async () => {
    const params = { type: "cat", limit: 10 };
    const plain = await collect(clientFor(emulator.url).animalPages(params, { maxPages: 8 }));
    const { seen, fetchFn } = countingFetch();
    const ahead = await collect(clientFor(emulator.url, { fetch: fetchFn }).animalPages(params, { maxPages: 8, prefetch: 3 }));
    expect(ahead.map((p) => p.pagination.current_page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ahead.map((p) => p.animals.map((a) => a.id))).toEqual(plain.map((p) => p.animals.map((a) => a.id)));
    expect(seen.requests).toBe(8); // never past maxPages
    expect(seen.peak).toBe(4);
  });

  test("prefetch stops at the last page and at maxRecords, and cancels what was read ahead when the consumer stops", async () => {
    const params = { type: "cat", breed: "Bengal", limit: 20 };
    const { pagination } = await clientFor(emulator.url).animals({ ...params, limit: 1 });
    const all = await collect(clientFor(emulator.url).searchAnimals(params));
    expect(all).toHaveLength(pagination.total_count);
    const counted = countingFetch();
    const prefetched = await collect(clientFor(emulator.url, { fetch: counted.fetchFn }).searchAnimals(params, { prefetch: 5 }));
    expect(prefetched.map((a) => a.id)).toEqual(all.map((a) => a.id));
    expect(counted.seen.requests).toBe(Math.ceil(pagination.total_count / 20));
    const capped = countingFetch();
    const some = await collect(clientFor(emulator.url, { fetch: capped.fetchFn }).searchAnimals(params, { prefetch: 5, maxRecords: 45 }));
    expect(some.map((a) => a.id)).toEqual(all.slice(0, 45).map((a) => a.id));
    expect(capped.seen.requests).toBe(3);
    const stopped = countingFetch();
    for await (const page of clientFor(emulator.url, { fetch: stopped.fetchFn }).animalPages({ type: "cat", limit: 5 }, { prefetch: 3 })) {
      if (page.pagination.current_page === 2) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped.seen.open).toBe(0);
    expect(stopped.seen.requests).toBeLessThanOrEqual(5);
    expect(stopped.seen.aborted).toBeGreaterThan(0);
    expect(() => clientFor(emulator.url).animalPages({ type: "cat" }, { prefetch: -1 })[Symbol.asyncIterator]()).toThrow(/prefetch/);
  });

  test("iteration asks for the next page only when the consumer wants it", async () => {
    const events: PetfinderRequestEvent[] = [];
    const client = clientFor(emulator.url, { onRequest: (e) => events.push(e) });
    for await (const _ of client.searchAnimals({ type: "cat", limit: 5 })) break;
    expect(events.filter((e) => e.kind === "api")).toHaveLength(1);
  });
});

describe("token life cycle", () => {
  test("concurrent calls on a fresh client share one token request", async () => {
    const before = await tokenRequests(emulator.url);
    const client = clientFor(emulator.url);
    const results = await Promise.all([
      client.types(),
      client.breeds("cat"),
      client.animals({ type: "cat", limit: 1 }),
      client.organizations({ limit: 1 }),
      ...Array.from({ length: 8 }, (_, i) => client.animals({ type: "cat", limit: 1, page: i + 1 })),
    ]);
    expect(results).toHaveLength(12);
    expect((await tokenRequests(emulator.url)) - before).toBe(1);
    await client.types();
    expect((await tokenRequests(emulator.url)) - before).toBe(1);
  });

  test("bad credentials give PetfinderAuthError without the secret", async () => {
    const client = createPetfinderClient({ clientId: "demo", clientSecret: "not-the-demo-secret", baseUrl: emulator.url });
    const error = (await client.types().catch((e: unknown) => e)) as PetfinderAuthError;
    expect(error).toBeInstanceOf(PetfinderAuthError);
    expect(error.status).toBe(401);
    expect(JSON.stringify(error) + String(error) + error.stack).not.toContain("not-the-demo-secret");
  });
});

describe("abort", () => {
  test("aborting mid-iteration rejects with the signal's reason", async () => {
    const slow = await startEmulator({ seed: 1, scale: 0.02, host: "127.0.0.1", port: 0, latencyMs: 300, rateLimit: 0 });
    try {
      const client = clientFor(slow.url);
      const controller = new AbortController();
      const reason = new Error("enough");
      const seen: Animal[] = [];
      const run = (async () => {
        for await (const cat of client.searchAnimals({ type: "cat", limit: 2 }, { signal: controller.signal })) {
          seen.push(cat);
          if (seen.length === 2) setTimeout(() => controller.abort(reason), 50); // during the next page's request
        }
      })();
      await expect(run).rejects.toBe(reason);
      expect(seen).toHaveLength(2);
    } finally {
      await slow.stop();
    }
  });
});

describe("limits", () => {
  test("a daily quota surfaces at once as PetfinderQuotaError with resetAt", async () => {
    const limited = await startEmulator({ seed: 1, scale: 0.02, host: "127.0.0.1", port: 0, rateLimit: 0, dailyLimit: 3 });
    try {
      const client = clientFor(limited.url);
      for (let i = 0; i < 3; i++) await client.types(); // the token request does not count
      const error = (await client.types().catch((e: unknown) => e)) as PetfinderQuotaError;
      expect(error).toBeInstanceOf(PetfinderQuotaError);
      expect(error.retryAfter).toBeGreaterThan(0);
      const midnight = new Date();
      midnight.setUTCHours(24, 0, 0, 0);
      expect(Math.abs(error.resetAt.getTime() - midnight.getTime())).toBeLessThan(5_000);
    } finally {
      await limited.stop();
    }
  });

  test("the requests-per-second ceiling keeps a burst under the server's limit", async () => {
    const limited = await startEmulator({ seed: 1, scale: 0.02, host: "127.0.0.1", port: 0, rateLimit: 5 });
    try {
      const statuses: (number | undefined)[] = [];
      const client = clientFor(limited.url, { requestsPerSecond: 4, onRequest: (e) => statuses.push(e.status) });
      await Promise.all(Array.from({ length: 8 }, (_, i) => client.animals({ type: "cat", limit: 1, page: i + 1 })));
      expect(statuses).toHaveLength(9); // one token request and eight pages, none refused
      expect(statuses.every((s) => s === 200)).toBe(true);
    } finally {
      await limited.stop();
    }
  });

  test("without a ceiling, per-second 429s are retried after Retry-After and every call completes", async () => {
    const limited = await startEmulator({ seed: 1, scale: 0.02, host: "127.0.0.1", port: 0, rateLimit: 5 });
    try {
      const statuses: (number | undefined)[] = [];
      const client = clientFor(limited.url, { onRequest: (e) => statuses.push(e.status) });
      // 20 calls at once span at most two of the emulator's one-second windows, so one window
      // sees at least 10 requests against a limit of 5: some are refused whatever the timing.
      const wanted = Array.from({ length: 20 }, (_, i) => i + 1);
      const pages = await Promise.all(wanted.map((page) => client.animals({ type: "cat", limit: 1, page })));
      expect(pages.map((p) => p.pagination.current_page)).toEqual(wanted);
      expect(statuses).toContain(429);
    } finally {
      await limited.stop();
    }
  });
});
