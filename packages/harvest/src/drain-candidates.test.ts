import { createPetfinderSource, createPetfinderClient, type Animal } from "@cat-harvest/petfinder";
import { describe, expect, test } from "vitest";
import { createChannel } from "./channel.js";
import { drainCandidates } from "./drain-candidates.js";
import type { PhotoCandidate } from "./photo-candidate.js";
import { createPhotoPlacer } from "./place-photo.js";
import type { BreedRecord } from "./source-records.js";

const petfinder = createPetfinderSource(createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: "http://127.0.0.1:9" }));

const CDN = "http://127.0.0.1:9/photos/pets";
const cat = (id: number, primary: string, secondary: string | null, slots: number): BreedRecord => ({
  source: petfinder,
  breed: primary,
  record: {
    id,
    breeds: { primary, secondary, mixed: secondary !== null, unknown: false },
    photos: Array.from({ length: slots }, (_, i) => {
      const base = `${CDN}/${id}/${i + 1}/?bust=1`;
      return { small: `${base}&width=100`, medium: `${base}&width=300`, large: `${base}&width=600`, full: base };
    }),
  } as unknown as Animal,
});

const readAll = async (rows: AsyncIterable<PhotoCandidate>) => {
  const out: PhotoCandidate[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

describe("drainCandidates of Petfinder records", () => {
  test("reads every record before anything reads the rows, and queues compact rows of the asked folders in order", async () => {
    const records = createChannel<BreedRecord>(1);
    const events: string[] = [];
    const options = { size: "small", folders: new Set(["Bengal", "Tabby"]) } as const;
    const { candidates: rows, done } = drainCandidates(records, {
      candidatesOf: (item) => item.source.candidates(item.record, options),
      onItem: () => events.push("record"),
      onEnd: () => events.push("end"),
    });
    // A channel of capacity 1: each push waits for the drain, never for a reader of `rows`.
    await records.push(cat(1, "Bengal", null, 2));
    await records.push(cat(2, "Siamese", "Tabby", 1));
    await records.push(cat(3, "Siamese", null, 1));
    records.close();
    await done;
    expect(events).toEqual(["record", "record", "record", "end"]);
    const read = await readAll(rows);
    const place = createPhotoPlacer();
    expect(read.map((r) => place(r).key)).toEqual(["Bengal/1-1.jpg", "Bengal/1-2.jpg", "Tabby/2-1.jpg"]);
    expect(read[2]).toEqual({ url: `${CDN}/2/1/?bust=1&width=100`, breed: "Tabby", recordId: 2, photo: 1, size: "small", source: "petfinder" });
    expect(place(read[2]!)).toEqual({ key: "Tabby/2-1.jpg", folder: "Tabby" });
  });

  test("a full queue holds the records back until the rows are read (bounded memory)", async () => {
    const records = createChannel<BreedRecord>(1);
    let read = 0;
    let full = 0;
    const { candidates: rows, done } = drainCandidates(records, {
      candidatesOf: (item) => item.source.candidates(item.record, { size: "full" }),
      onItem: () => read++,
      onFull: () => full++,
      capacity: 2,
    });
    const pushed = (async () => {
      for (let id = 1; id <= 4; id++) await records.push(cat(id, "Bengal", null, 2));
      records.close();
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Record 1's two rows fill the queue; record 2's first row waits, and so does the records channel.
    expect(read).toBe(1);
    expect(full).toBe(1);
    let finished = false;
    void done.then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finished).toBe(false);
    const all = await readAll(rows);
    await pushed;
    await done;
    expect(all.map((r) => r.recordId)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(read).toBe(4);
  });

  test("an error from the records fails the rows at their next read, without onEnd; done still resolves", async () => {
    const records = createChannel<BreedRecord>();
    let ended = false;
    const { candidates: rows, done } = drainCandidates(records, {
      candidatesOf: (item) => item.source.candidates(item.record, { size: "full" }),
      onEnd: () => (ended = true),
    });
    await records.push(cat(1, "Bengal", null, 1));
    const error = new Error("the API failed");
    records.fail(error);
    await expect(done).resolves.toBeUndefined();
    expect(ended).toBe(false);
    await expect(readAll(rows)).rejects.toBe(error);
  });
});
