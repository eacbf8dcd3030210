import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readTruth, startCatApiEmulator } from "@cat-harvest/thecatapi-emulator";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";
import { emulatorCommandCase } from "../../../../tooling/runtime/emulator-command.ts";

/** Pages one breed, downloads one image and checks it against the truth. */
async function pageOneBreed(url: string): Promise<void> {
  const res = await fetch(`${url}/v1/images/search?breed_ids=siam&order=ASC&limit=25&page=0`, { headers: { "x-api-key": "demo" } });
  assert.equal(res.status, 200);
  assert.ok(Number(res.headers.get("pagination-count")) > 0);
  const images = (await res.json()) as Array<{ id: string; url: string; breeds: Array<{ id: string }> }>;
  assert.equal(images[0]!.breeds[0]!.id, "siam");
  const bytes = new Uint8Array(await (await fetch(images[0]!.url)).arrayBuffer());
  const entry = (await readTruth({ url }, "?breed_ids=siam")).find((e) => e.url === images[0]!.url)!;
  assert.equal(createHash("sha256").update(bytes).digest("hex"), entry.sha256);
}

export const cases: SmokeCase[] = [
  {
    name: "thecatapi-emulator: the library pages a breed and serves an image matching the truth",
    async fn() {
      const emulator = await startCatApiEmulator({ seed: 1, scale: 0.01 });
      try {
        await pageOneBreed(emulator.url);
      } finally {
        await emulator.stop();
      }
    },
  },
  emulatorCommandCase("thecatapi-emulator", new URL("../../dist/cli.js", import.meta.url), ["--port", "0", "--scale", "0.01"], pageOneBreed),
];
