import { createHash } from "node:crypto";
import { detectImageFormat, isImageComplete, readImageDimensions } from "@cat-harvest/downloader";
import { BREED_TABLE, type CatApiEmulator, createDataset, type ImageObject, type TruthEntry, truthEntries } from "@cat-harvest/thecatapi-emulator";
import jpeg from "jpeg-js";
import omggif from "omggif";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { get, readTruth, startSmall } from "./helpers.js";

let emulator: CatApiEmulator;
let truth: TruthEntry[];

async function download(url: string): Promise<{ bytes: Uint8Array; type: string | null }> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return { bytes: new Uint8Array(await res.arrayBuffer()), type: res.headers.get("content-type") };
}

/** Width and height an independent decoder reads. */
function decodedSize(ext: string, bytes: Uint8Array): [number, number] {
  if (ext === "jpg") {
    const d = jpeg.decode(bytes, { useTArray: true });
    return [d.width, d.height];
  }
  if (ext === "png") {
    const d = PNG.sync.read(Buffer.from(bytes), { checkCRC: true });
    return [d.width, d.height];
  }
  const reader = new omggif.GifReader(bytes);
  const pixels = new Uint8Array(reader.width * reader.height * 4);
  reader.decodeAndBlitFrameRGBA(0, pixels);
  return [reader.width, reader.height];
}

beforeAll(async () => {
  emulator = await startSmall({ scale: 0.01 });
  truth = await readTruth(emulator);
});
afterAll(() => emulator.stop());

describe("image CDN and ground truth", () => {
  test("every truth entry is served at /images/<id>.<ext> with the bytes and sha256 it claims", async () => {
    for (const entry of truth) {
      expect(entry.url).toMatch(new RegExp(`^${emulator.url}/images/${entry.image_id}\\.(jpg|png|gif)$`));
      const { bytes } = await download(entry.url);
      expect(bytes.length, entry.url).toBe(entry.bytes);
      expect(createHash("sha256").update(bytes).digest("hex"), entry.url).toBe(entry.sha256);
    }
  }, 60_000);

  test("serves real JPEG, PNG and GIF files that the downloader's checks accept and independent decoders read, at the API's width and height", async () => {
    for (const ext of ["jpg", "png", "gif"] as const) {
      const entries = truth.filter((e) => e.url.endsWith(`.${ext}`)).slice(0, 4);
      expect(entries.length, ext).toBeGreaterThan(0);
      for (const entry of entries) {
        const { bytes, type } = await download(entry.url);
        const format = detectImageFormat(bytes);
        expect(format).toBe({ jpg: "jpeg", png: "png", gif: "gif" }[ext]);
        expect(type).toBe(`image/${format}`);
        expect(isImageComplete(format!, bytes.subarray(0, 32), bytes.subarray(-32), bytes.length)).toBe(true);
        const api = await get<ImageObject>(emulator, `/images/${entry.image_id}`);
        expect(readImageDimensions(format!, bytes)).toEqual({ width: api.body.width, height: api.body.height });
        expect(decodedSize(ext, bytes)).toEqual([api.body.width, api.body.height]);
      }
    }
  });

  test("a few images are byte-identical re-uploads under another id; all other hashes are unique", async () => {
    const big = await readTruth(emulator);
    const scale1 = [...truthEntries("http://x", createDataset(7, 0.2))];
    const owners = new Map<string, number>();
    for (const e of scale1) owners.set(e.sha256, (owners.get(e.sha256) ?? 0) + 1);
    const repeated = [...owners.values()].filter((n) => n > 1).length;
    expect(repeated).toBeGreaterThan(0);
    expect(repeated / scale1.length).toBeLessThan(0.01);
    expect(new Set(big.map((e) => e.image_id)).size).toBe(big.length);
  });

  test("HEAD gives the length without a body; a wrong extension or an unknown id is 404", async () => {
    const entry = truth[0]!;
    const head = await fetch(entry.url, { method: "HEAD" });
    expect([head.status, Number(head.headers.get("content-length"))]).toEqual([200, entry.bytes]);
    const wrongExt = entry.url.replace(/\.(jpg|png|gif)$/, (m) => (m === ".gif" ? ".png" : ".gif"));
    for (const url of [wrongExt, `${emulator.url}/images/nope.jpg`]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(404);
      await res.arrayBuffer();
    }
  });

  test("the truth narrows by breed_ids and has_breeds", async () => {
    const bengal = await readTruth(emulator, "?breed_ids=beng");
    expect(bengal.length).toBeGreaterThan(0);
    expect(bengal).toEqual(truth.filter((e) => e.breed_ids[0] === "beng"));
    expect((await readTruth(emulator, "?has_breeds=1")).length).toBe(truth.filter((e) => e.breed_ids.length > 0).length);
  });

  test("the same seed gives the same data and bytes; another seed different ones", async () => {
    const other = await startSmall({ scale: 0.01, seed: 8 });
    try {
      const strip = (entries: TruthEntry[]) => entries.map((e) => ({ ...e, url: new URL(e.url).pathname }));
      expect(strip([...truthEntries(emulator.url, createDataset(7, 0.01))])).toEqual(strip(truth));
      const hashes = new Set(truth.map((e) => e.sha256));
      expect((await readTruth(other)).filter((e) => hashes.has(e.sha256))).toEqual([]);
    } finally {
      await other.stop();
    }
  });

  test("a warming emulator serves images and stops cleanly", async () => {
    const warm = await startSmall({ scale: 0.01, warmUp: true });
    try {
      const entry = truth.find((e) => e.url.endsWith(".png"))!;
      const { bytes } = await download(`${warm.url}${new URL(entry.url).pathname}`);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(entry.sha256);
    } finally {
      await warm.stop();
    }
  });
});

describe("data at scale 1", () => {
  test("tens of thousands of images, every breed in plausible proportions, a quarter without a breed, mostly JPEG", () => {
    const data = createDataset(1, 1);
    expect(data.count).toBe(30_000);
    const sizes = data.byBreed.map((list) => list.length);
    expect(Math.min(...sizes)).toBeGreaterThan(20);
    const largest = BREED_TABLE[sizes.indexOf(Math.max(...sizes))]![1];
    expect(["Bengal", "Maine Coon", "Persian", "Siamese"]).toContain(largest);
    const unlabelled = data.breed.filter((b) => b < 0).length / data.count;
    expect(unlabelled).toBeGreaterThan(0.22);
    expect(unlabelled).toBeLessThan(0.28);
    const jpegs = data.format.filter((f) => f === 0).length / data.count;
    expect(jpegs).toBeGreaterThan(0.65);
  });
});
