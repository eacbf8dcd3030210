import { createHash } from "node:crypto";
import { type Emulator, startEmulator } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { token } from "./helpers.js";

/**
 * sha256 of what the emulator served at seed 1, scale 0.02 before its shared pieces moved to
 * @cat-harvest/emulator-kit (recorded from the build of commit 2f1f9eb). The origin, which
 * holds a free port, is replaced by "ORIGIN" before hashing.
 */
const GOLDEN = {
  truth: "56ca97e4a72205795e346baeed31a6480698b637cfdb16d345704b0c3eb2a081",
  truthLines: 10666,
  api: [
    ["/v2/types", "2fc3e6062004f4014776d65dc290303ee915b0db3c0b77f8ad2217c378e8aa64"],
    ["/v2/types/cat/breeds", "bb15a31c919d1515a0d2b4a96ef83bf7d2d311ac8f7ad6a94f3f63692018b574"],
    ["/v2/animals?type=cat&limit=100", "6fc4197847993287015c406c205cd19e587ed97f80659499118bfcca877db3c1"],
    ["/v2/animals?type=cat&breed=Siamese&limit=50&page=2", "c2effd90e31df310bf60cac3a6a1e0726afb51e06ff5cbe73d6aa342239e12fb"],
    ["/v2/organizations?limit=20", "bf3bef1a8ca3963fbfa70bde9096a16aae928bb4f0cbb7a0b819d1bd83ee857b"],
    ["/v2/animals?sort=random&limit=30", "e4ba4da6dbb18f38bc42a7359956ee3af49fe9972884b6a80cba14afead4a106"],
  ],
  photo: {
    path: "/animal/8f4c7af1-b883-48ae-bd2f-001f0393e154/image/2732e819-e13b-4429-af33-001f1c9f0aa1.jpg?versionId=a2b2be9f12743526dc98c971ea8d568a&bust=1763588697&width=100",
    sha256: "a8d50d6abe61e38fc5640b035ef6bebdfdc4434692e59266e7ce3bb0f6335f1f",
  },
} as const;

let emulator: Emulator;
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const withoutOrigin = (text: string) => text.split(emulator.url).join("ORIGIN");

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1, scale: 0.02 });
});
afterAll(() => emulator.stop());

describe("byte-for-byte the same as before the emulator kit", () => {
  test("the ground truth at seed 1, scale 0.02", async () => {
    const text = await (await fetch(`${emulator.url}/_emulator/truth`)).text();
    expect(text.split("\n").length - 1).toBe(GOLDEN.truthLines);
    expect(sha256(withoutOrigin(text))).toBe(GOLDEN.truth);
  });

  test.each(GOLDEN.api)("GET %s", async (path, expected) => {
    const bearer = await token(emulator);
    const text = await (await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } })).text();
    expect(sha256(withoutOrigin(text))).toBe(expected);
  });

  test("one photo's bytes", async () => {
    const bytes = new Uint8Array(await (await fetch(`${emulator.url}${GOLDEN.photo.path}`)).arrayBuffer());
    expect(sha256(bytes)).toBe(GOLDEN.photo.sha256);
  });
});
