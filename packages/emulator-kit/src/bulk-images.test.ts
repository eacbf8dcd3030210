import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { startBulkCdn } from "./bulk-cdn.js";
import { bulkImageNumber, bulkImageParts, bulkImagePath, bulkImageSha256, MAX_BULK_IMAGE } from "./bulk-images.js";
import { imageBytes } from "./image-parts.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("bulk images", () => {
  test("are real JPEGs, the same bytes for the same (seed, n), distinct across n and seeds, with the sha256 given", () => {
    const a = imageBytes(bulkImageParts(1, 42));
    expect([a[0], a[1], a.at(-2), a.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect(imageBytes(bulkImageParts(1, 42))).toEqual(a);
    expect(bulkImageSha256(1, 42)).toBe(sha256(a));
    const hashes = new Set<string>();
    for (let n = 0; n < 2000; n++) hashes.add(bulkImageSha256(1, n));
    expect(hashes.size).toBe(2000);
    expect(bulkImageSha256(2, 42)).not.toBe(bulkImageSha256(1, 42));
    expect(a.length).toBeLessThan(3000);
  });

  test("paths name the numbers from 0 to MAX_BULK_IMAGE and nothing else", () => {
    expect(bulkImagePath(999_999)).toBe("/_bulk/999999.jpg");
    expect(bulkImageNumber("/_bulk/999999.jpg")).toBe(999_999);
    expect(bulkImageNumber(`/_bulk/${MAX_BULK_IMAGE}.jpg`)).toBe(MAX_BULK_IMAGE);
    for (const bad of ["/_bulk/-1.jpg", "/_bulk/1.5.jpg", "/_bulk/x.jpg", "/_bulk/1.png", `/_bulk/${MAX_BULK_IMAGE + 1}.jpg`, "/_bulk/12345678901.jpg"]) {
      expect(bulkImageNumber(bad)).toBeUndefined();
    }
    expect(() => bulkImagePath(-1)).toThrow(/integer from 0 to 4294967295; got -1/);
  });
});

describe("startBulkCdn", () => {
  test("serves any bulk image, its truth as a streamed range, 404s elsewhere, and counts what it served", async () => {
    const cdn = await startBulkCdn({ seed: 3 });
    try {
      expect(new URL(cdn.url).hostname).toBe("127.0.0.1");
      for (const n of [0, 7, 999_999, 123_456_789]) {
        const res = await fetch(cdn.url + bulkImagePath(n));
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("image/jpeg");
        const body = new Uint8Array(await res.arrayBuffer());
        expect(sha256(body)).toBe(bulkImageSha256(3, n));
        expect(Number(res.headers.get("content-length"))).toBe(body.length);
      }
      const head = await fetch(cdn.url + bulkImagePath(5), { method: "HEAD" });
      expect(Number(head.headers.get("content-length"))).toBe(bulkImageParts(3, 5).length);
      expect((await fetch(`${cdn.url}/_bulk/abc.jpg`)).status).toBe(404);
      expect((await fetch(`${cdn.url}/photos/1.jpg`)).status).toBe(404);

      const truth = (await (await fetch(`${cdn.url}/_emulator/truth?from=999998&count=3`)).text())
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(truth.map((t) => t.n)).toEqual([999_998, 999_999, 1_000_000]);
      expect(truth[1]).toEqual({
        url: `${cdn.url}/_bulk/999999.jpg`,
        n: 999_999,
        bytes: bulkImageParts(3, 999_999).length,
        sha256: bulkImageSha256(3, 999_999),
      });
      const bad = await fetch(`${cdn.url}/_emulator/truth?from=-4`);
      expect(bad.status).toBe(400);
      expect((await bad.json()).message).toMatch(/from must be an integer/);

      const stats = cdn.stats();
      expect(stats.routes["GET bulk image"]).toEqual({ "200": 5 });
      expect(stats.routes["GET other"]).toEqual({ "404": 2 });
    } finally {
      await cdn.stop();
    }
  });

  test("delays images by latencyMs and refuses bad options by name", async () => {
    const cdn = await startBulkCdn({ latencyMs: 60 });
    try {
      const started = performance.now();
      await (await fetch(cdn.url + bulkImagePath(1))).arrayBuffer();
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    } finally {
      await cdn.stop();
    }
    await expect(startBulkCdn({ port: 70_000 })).rejects.toThrow(/startBulkCdn: option port must be an integer from 0 to 65535/);
    await expect(startBulkCdn({ seed: -1 })).rejects.toThrow(/option seed/);
  });
});
