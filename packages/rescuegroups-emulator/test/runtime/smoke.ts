import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readTruth, startRescueGroupsEmulator } from "@cat-harvest/rescuegroups-emulator";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";
import { emulatorCommandCase } from "../../../../tooling/runtime/emulator-command.ts";

/** Lists the cat breeds, searches Siamese cats with pictures, downloads one and checks it against the truth. */
async function searchOneBreed(url: string): Promise<void> {
  const headers = { authorization: "demo", "content-type": "application/vnd.api+json" };
  const breeds = (await (await fetch(`${url}/v5/public/animals/breeds/search/cats/?limit=250`, { headers })).json()) as {
    data: Array<{ id: string; attributes: { name: string } }>;
  };
  const siamese = breeds.data.find((b) => b.attributes.name === "Siamese")!;
  const res = await fetch(`${url}/v5/public/animals/search/available/cats/haspic?include=pictures&limit=5`, {
    method: "POST",
    headers,
    body: JSON.stringify({ data: { filters: [{ fieldName: "animals.breedPrimaryId", operation: "equal", criteria: siamese.id }] } }),
  });
  assert.equal(res.status, 200);
  const page = (await res.json()) as {
    data: Array<{ attributes: { breedPrimary: string } }>;
    included: Array<{ attributes: { large: string | { url: string } } }>;
  };
  assert.equal(page.data[0]!.attributes.breedPrimary, "Siamese");
  const large = page.included[0]!.attributes.large;
  const pictureUrl = typeof large === "string" ? large : large.url;
  const bytes = new Uint8Array(await (await fetch(pictureUrl)).arrayBuffer());
  const entry = (await readTruth({ url }, `?breedPrimaryId=${siamese.id}&size=large`)).find((e) => e.url === pictureUrl)!;
  assert.equal(createHash("sha256").update(bytes).digest("hex"), entry.sha256);
}

export const cases: SmokeCase[] = [
  {
    name: "rescuegroups-emulator: the library searches a breed and serves a picture matching the truth",
    async fn() {
      const emulator = await startRescueGroupsEmulator({ seed: 1, scale: 0.01 });
      try {
        await searchOneBreed(emulator.url);
      } finally {
        await emulator.stop();
      }
    },
  },
  emulatorCommandCase("rescuegroups-emulator", new URL("../../dist/cli.js", import.meta.url), ["--port", "0", "--scale", "0.01"], searchOneBreed),
];
