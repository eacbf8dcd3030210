// Paging through a breed with more than 1,500 animals without holding them all.
import { startEmulator } from "@cat-harvest/petfinder-emulator";
import { expect, test } from "vitest";
import { createPetfinderClient } from "@cat-harvest/petfinder";

/** About 1,650 Domestic Short Hair at seed 1 (0.05 holds about 490); only this breed is fetched. */
const LARGE_SCALE = 0.17;

test("streams every Domestic Short Hair (> 1,500) page by page", async () => {
  const emulator = await startEmulator({ seed: 1, scale: LARGE_SCALE, host: "127.0.0.1", port: 0 });
  try {
    const client = createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: emulator.url });
    const params = { type: "cat", breed: "Domestic Short Hair" } as const;
    const { pagination } = await client.animals({ ...params, limit: 1 });
    expect(pagination.total_count).toBeGreaterThan(1500);
    const ids = new Set<number>();
    let pages = 0;
    for await (const page of client.animalPages(params)) {
      pages++;
      for (const cat of page.animals) {
        expect([cat.breeds.primary, cat.breeds.secondary]).toContain("Domestic Short Hair");
        ids.add(cat.id);
      }
    }
    expect(ids.size).toBe(pagination.total_count);
    expect(pages).toBe(Math.ceil(pagination.total_count / 100));
  } finally {
    await emulator.stop();
  }
});
