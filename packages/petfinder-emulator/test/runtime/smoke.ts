import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { startEmulator } from "@cat-harvest/petfinder-emulator";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";
import { emulatorCommandCase } from "../../../../tooling/runtime/emulator-command.ts";

async function harvestOne(url: string): Promise<void> {
  const tokenRes = await fetch(`${url}/v2/oauth2/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }),
  });
  assert.equal(tokenRes.status, 200);
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const page = await fetch(`${url}/v2/animals?type=cat&limit=50`, { headers: { authorization: `Bearer ${access_token}` } });
  assert.equal(page.status, 200);
  const body = (await page.json()) as { animals: Array<{ photos: Array<{ full: string }> }>; pagination: { current_page: number } };
  assert.equal(body.pagination.current_page, 1);
  const photoUrl = body.animals.find((a) => a.photos.length > 0)!.photos[0]!.full;
  const photo = await fetch(photoUrl);
  assert.equal(photo.status, 200);
  const bytes = new Uint8Array(await photo.arrayBuffer());
  assert.deepEqual([bytes[0], bytes[1], bytes[bytes.length - 2], bytes[bytes.length - 1]], [0xff, 0xd8, 0xff, 0xd9]);
  const truth = await (await fetch(`${url}/_emulator/truth?type=cat&size=full`)).text();
  const entry = truth
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { url: string; sha256: string })
    .find((e) => e.url === photoUrl)!;
  assert.equal(createHash("sha256").update(bytes).digest("hex"), entry.sha256);
}

export const cases: SmokeCase[] = [
  {
    name: "petfinder-emulator: library serves a token, a page of cats and a photo matching the truth",
    async fn() {
      const emulator = await startEmulator({ seed: 1, scale: 0.005 });
      try {
        await harvestOne(emulator.url);
      } finally {
        await emulator.stop();
      }
    },
  },
  emulatorCommandCase("petfinder-emulator", new URL("../../dist/cli.js", import.meta.url), ["--port", "0", "--scale", "0.005"], harvestOne),
];
