// The same client code under Bun and Deno (run by `npm run test:runtimes`, against dist/).
import assert from "node:assert/strict";
import {
  RescueGroupsAuthError,
  RescueGroupsBadRequestError,
  RescueGroupsValidationError,
  createRescueGroupsClient,
  rescueGroupsCandidates,
  type RescueGroupsRequestEvent,
} from "@cat-harvest/rescuegroups";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";
import { TEST_BREEDS, testCats, testPicture } from "../helpers/v5-data.ts";
import { startRescueGroupsTestServer, type RescueGroupsTestServer } from "../helpers/v5-server.ts";

const siamese = TEST_BREEDS.find((b) => b.name === "Siamese")!;
const cats = testCats(siamese, 5, 100).map((cat, i) => (i === 0 ? { ...cat, pictures: [testPicture(cat.id, "s1", 1, "string")] } : cat));

async function withServer(fn: (server: RescueGroupsTestServer) => Promise<void>): Promise<void> {
  const server = await startRescueGroupsTestServer({ animals: cats });
  try {
    await fn(server);
  } finally {
    await server.stop();
  }
}

export const cases: SmokeCase[] = [
  {
    name: "rescuegroups: breeds, a paged search with pictures in both shapes, and candidates",
    async fn() {
      await withServer(async (server) => {
        const client = createRescueGroupsClient({ apiKey: server.apiKey, baseUrl: server.url, requestsPerSecond: Infinity });
        const breeds = await client.catBreeds();
        assert.ok(breeds.some((b) => b.id === siamese.id && b.name === "Siamese"));
        const candidatesOf = rescueGroupsCandidates();
        const ids: string[] = [];
        const photos: number[] = [];
        for await (const cat of client.searchCats({ breedId: siamese.id, limit: 2 })) {
          ids.push(cat.id);
          photos.push(...candidatesOf(cat).map((c) => c.recordId));
        }
        assert.deepEqual(ids, ["100", "101", "102", "103", "104"]);
        assert.deepEqual(photos, [100, 101, 101, 102, 102, 103, 103, 104, 104]);
        assert.equal(server.requests.length, 4);
      });
    },
  },
  {
    name: "rescuegroups: a wrong key, a refused filter and a schema violation, the key never said",
    async fn() {
      await withServer(async (server) => {
        const events: RescueGroupsRequestEvent[] = [];
        const wrong = createRescueGroupsClient({
          apiKey: "smoke-wrong-key-1",
          baseUrl: server.url,
          requestsPerSecond: Infinity,
          onRequest: (e) => events.push(e),
        });
        const auth = await wrong.catsPage().catch((e: unknown) => e);
        assert.ok(RescueGroupsAuthError.isInstance(auth));
        assert.ok(!`${String(auth)} ${JSON.stringify(auth)} ${(auth as Error).stack} ${JSON.stringify(events)}`.includes("smoke-wrong-key-1"));

        const client = createRescueGroupsClient({ apiKey: server.apiKey, baseUrl: server.url, requestsPerSecond: Infinity });
        const bad = await client.catsPage({ filters: [{ fieldName: "nope", operation: "equal", criteria: 1 }] }).catch((e: unknown) => e);
        assert.ok(RescueGroupsBadRequestError.isInstance(bad));
        assert.equal(bad.field, "animals.nope");

        server.fault({ body: { data: [{ type: "animals", id: "1", attributes: { pictureCount: "two" } }] } });
        const invalid = await client.catsPage().catch((e: unknown) => e);
        assert.ok(RescueGroupsValidationError.isInstance(invalid));
        assert.equal(invalid.path, "data[0].attributes.pictureCount");
        assert.ok(invalid.message.includes(server.url));
      });
    },
  },
];
