import { createMemoryStorage, type MemoryStorage } from "@cat-harvest/storage";
import { describe, expect, test } from "vitest";
import { openDataset, type Dataset } from "./dataset.js";
import { createPhotoDecider } from "./decide-photo.js";
import type { PhotoCandidate } from "./photo-candidate.js";

const HEX = "a".repeat(64);
const CDN = "http://127.0.0.1:9/photos/pets";
const photo = (recordId: number, size?: "small" | "full"): PhotoCandidate => ({
  url: `${CDN}/${recordId}/1/${size === "small" ? "?width=100" : ""}`,
  breed: "Bengal",
  recordId,
  photo: 1,
  ...(size ? { size } : {}),
});

/** A memory storage that keeps its objects after close, so a second run can reopen them. */
function reopenable(objects = new Map<string, Uint8Array>(), replace = true): MemoryStorage {
  const inner = createMemoryStorage();
  for (const [k, v] of objects) (inner.objects as Map<string, Uint8Array>).set(k, v);
  return { ...inner, capabilities: { ...inner.capabilities, replace }, close: async () => {} };
}

/** A data set whose earlier run stored Bengal/1-1.jpg (full size) and found Bengal/2-1.jpg a duplicate of it. */
async function earlierRun(replace: boolean): Promise<Dataset> {
  const first = reopenable(new Map(), replace);
  const a = await openDataset(first);
  await first.put("Bengal/1-1.jpg", new Uint8Array([1]));
  a.record({ file_name: "Bengal/1-1.jpg", breed: "Bengal", animal_id: 1, photo: 1, source_url: photo(1).url, bytes: 1, sha256: HEX });
  a.fail({
    source_url: photo(2).url,
    breed: "Bengal",
    animal_id: 2,
    reason: "duplicate",
    duplicate_of: "Bengal/1-1.jpg",
    attempts: 1,
    file_name: "Bengal/2-1.jpg",
  });
  await a.finish();
  return openDataset(reopenable(new Map(first.objects), replace));
}

describe("createPhotoDecider", () => {
  test("stores a new photo, skips a repeat, a stored file and what is over the cap", async () => {
    const decide = createPhotoDecider(await earlierRun(true), { cap: 2 });
    expect(decide(photo(3))).toEqual({ action: "store", folder: "Bengal", key: "Bengal/3-1.jpg" });
    expect(decide(photo(3))).toMatchObject({ action: "skip", why: "repeated" });
    expect(decide(photo(1))).toMatchObject({ action: "skip", why: "stored" });
    // Bengal holds 1 stored + 1 decided: the cap of 2 is reached.
    expect(decide(photo(4))).toMatchObject({ action: "skip", why: "over-cap" });
  });

  test("a known duplicate stays one, with the file it duplicates", async () => {
    const decide = createPhotoDecider(await earlierRun(true));
    expect(decide(photo(2))).toEqual({ action: "duplicate", folder: "Bengal", key: "Bengal/2-1.jpg", duplicateOf: "Bengal/1-1.jpg" });
  });

  test("a stored photo asked at another size is repaired where the medium can replace it, dropped where it cannot", async () => {
    expect(createPhotoDecider(await earlierRun(true))(photo(1, "small"))).toMatchObject({ action: "repair", key: "Bengal/1-1.jpg" });
    const dropped = createPhotoDecider(await earlierRun(false))(photo(1, "small"));
    expect(dropped).toMatchObject({ action: "drop", why: "size-changed-in-archive" });
    expect(dropped).not.toHaveProperty("detail", expect.stringMatching(/--|DEST/));
  });

  test("a candidate without a record is placed by its URL's hash", async () => {
    const decide = createPhotoDecider(await openDataset(reopenable()));
    const decision = decide({ url: "http://a.test/cat.png", breed: "unlabelled", recordId: null, photo: null });
    expect(decision).toMatchObject({ action: "store", folder: "unlabelled" });
    expect(decision.key).toMatch(/^unlabelled\/[0-9a-f]{16}\.png$/);
  });
});
