// The same client code under Bun and Deno (run by `npm run test:runtimes`, against dist/).
import assert from "node:assert/strict";
import { startEmulator } from "@cat-harvest/petfinder-emulator";
import { PetfinderAuthError, PetfinderNotFoundError, createPetfinderClient, type PetfinderRequestEvent } from "@cat-harvest/petfinder";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

type EmulatorOptions = NonNullable<Parameters<typeof startEmulator>[0]>;

async function withEmulator(fn: (url: string) => Promise<void>, options: EmulatorOptions = {}) {
  const emulator = await startEmulator({ seed: 1, scale: 0.02, host: "127.0.0.1", port: 0, rateLimit: 0, ...options });
  try {
    await fn(emulator.url);
  } finally {
    await emulator.stop();
  }
}

export const cases: SmokeCase[] = [
  {
    name: "petfinder: every endpoint against the emulator, one shared token",
    async fn() {
      await withEmulator(async (url) => {
        const events: PetfinderRequestEvent[] = [];
        const client = createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: url, onRequest: (e) => events.push(e) });
        const [types, breeds, page, orgs] = await Promise.all([
          client.types(),
          client.breeds("cat"),
          client.animals({ type: "cat", limit: 3 }),
          client.organizations({ limit: 2 }),
        ]);
        assert.ok(types.some((t) => t.name === "Cat"));
        assert.equal((await client.type("cat")).name, "Cat");
        assert.ok(breeds.some((b) => b.name === "Domestic Short Hair"));
        assert.equal(page.animals.length, 3);
        assert.equal((await client.animal(page.animals[0]!.id)).id, page.animals[0]!.id);
        assert.equal(orgs.organizations.length, 2);
        assert.equal((await client.organization(orgs.organizations[0]!.id)).id, orgs.organizations[0]!.id);
        assert.equal(events.filter((e) => e.kind === "token").length, 1);
        await assert.rejects(client.animal(1), PetfinderNotFoundError);
      });
    },
  },
  {
    name: "petfinder: paging streams a breed page by page and stops at maxRecords",
    async fn() {
      await withEmulator(async (url) => {
        const client = createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: url });
        const ids: number[] = [];
        for await (const cat of client.searchAnimals({ type: "cat", limit: 4 }, { maxRecords: 10 })) ids.push(cat.id);
        assert.equal(ids.length, 10);
        assert.equal(new Set(ids).size, 10);
      });
    },
  },
  {
    name: "petfinder: bad credentials and abort",
    async fn() {
      await withEmulator(
        async (url) => {
          const bad = createPetfinderClient({ clientId: "demo", clientSecret: "wrong-secret-xyz", baseUrl: url });
          const error = await bad.types().catch((e: unknown) => e);
          assert.ok(error instanceof PetfinderAuthError);
          assert.ok(!`${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`.includes("wrong-secret-xyz"));
          const client = createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: url });
          const reason = new Error("stop");
          const call = client.types({ signal: AbortSignal.timeout(50) }).catch((e: unknown) => e);
          const controller = new AbortController();
          const aborted = client.breeds("cat", { signal: controller.signal });
          controller.abort(reason);
          await assert.rejects(aborted, (e) => e === reason);
          assert.ok((await call) instanceof Error);
        },
        { latencyMs: 200 },
      );
    },
  },
  {
    name: "petfinder: resets, bodies cut short and stalls are retried into the same records",
    async fn() {
      const ids = async (url: string, options: { timeout?: number } = {}) => {
        const client = createPetfinderClient({
          clientId: "demo",
          clientSecret: "demo",
          baseUrl: url,
          requestsPerSecond: Infinity,
          retry: { limit: 8, baseDelayMs: 5, maxDelayMs: 50 },
          ...options,
        });
        const out: number[] = [];
        for await (const cat of client.searchAnimals({ type: "cat", limit: 5 }, { maxPages: 12 })) out.push(cat.id);
        return out;
      };
      let expected: number[] = [];
      await withEmulator(async (url) => {
        expected = await ids(url);
      });
      assert.equal(expected.length, 60);
      await withEmulator(
        async (url) => {
          assert.deepEqual(await ids(url, { timeout: 1_000 }), expected);
          const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as { faults: Record<string, number> };
          assert.ok(Object.keys(stats.faults).length >= 3, JSON.stringify(stats.faults));
          console.log(`faults met: ${JSON.stringify(stats.faults)}`);
        },
        { faultRate: 0.4, faultKinds: ["reset", "cut-short", "stall"], stallMs: 2_000 },
      );
    },
  },
];
