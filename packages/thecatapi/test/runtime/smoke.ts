// The same client code under Bun and Deno (run by `npm run test:runtimes`, against dist/).
import assert from "node:assert/strict";
import { readTruth, startCatApiEmulator } from "@cat-harvest/thecatapi-emulator";
import { CatApiAuthError, CatApiQuotaError, catApiCandidates, createCatApiClient } from "@cat-harvest/thecatapi";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

export const cases: SmokeCase[] = [
  {
    name: "thecatapi: breeds, a paged breed equal to the truth, one image, candidates, a bad key",
    async fn() {
      const emulator = await startCatApiEmulator({ seed: 1, scale: 0.02, rateLimit: 0 });
      try {
        const cats = createCatApiClient({ apiKey: "demo", baseUrl: emulator.apiUrl, requestsPerSecond: Infinity });
        assert.equal((await cats.breeds()).length, 67);
        const ids: string[] = [];
        for await (const image of cats.searchImages({ breedIds: "mcoo", limit: 5 })) ids.push(image.id);
        assert.deepEqual(
          ids,
          (await readTruth(emulator, "?breed_ids=mcoo")).map((e) => e.image_id),
        );
        const image = await cats.image(ids[0]!);
        assert.equal(catApiCandidates(image)[0]!.breed, "Maine Coon");
        await assert.rejects(createCatApiClient({ apiKey: "nope", baseUrl: emulator.apiUrl }).breeds(), (e) => CatApiAuthError.isInstance(e));
      } finally {
        await emulator.stop();
      }
    },
  },
  {
    name: "thecatapi: a spent monthly quota stops with CatApiQuotaError",
    async fn() {
      const emulator = await startCatApiEmulator({ seed: 1, scale: 0.01, rateLimit: 0, monthlyLimit: 1 });
      try {
        const cats = createCatApiClient({ apiKey: "demo", baseUrl: emulator.apiUrl, requestsPerSecond: Infinity });
        await cats.breeds();
        await assert.rejects(cats.breeds(), (e) => CatApiQuotaError.isInstance(e) && e.resetAt.getTime() > Date.now());
      } finally {
        await emulator.stop();
      }
    },
  },
];
