import { describe, expect, test } from "vitest";
import { ANIMAL_TYPES } from "./catalog.js";
import { createDataset, indexOfAnimalId, MAX_PHOTOS, NONE, photoContent } from "./dataset.js";

describe("createDataset", () => {
  test("is a pure function of (seed, scale)", () => {
    const a = createDataset(4, 0.01);
    const b = createDataset(4, 0.01);
    const c = createDataset(5, 0.01);
    for (const column of ["ids", "type", "primary", "secondary", "flags", "status", "org", "photos", "published"] as const) {
      expect(Buffer.from(a[column].buffer).equals(Buffer.from(b[column].buffer)), column).toBe(true);
    }
    expect(Buffer.from(a.primary.buffer).equals(Buffer.from(c.primary.buffer))).toBe(false);
    expect(a.organizations).toEqual(b.organizations);
  });

  test.each([[0.002], [0.05]])("at scale %d every breed of every type has an adoptable animal", (scale) => {
    const data = createDataset(1, scale);
    ANIMAL_TYPES.forEach((info, t) => {
      const seen = new Set<number>();
      for (let i = 0; i < data.count; i++) if (data.type[i] === t && data.status[i] === 0) seen.add(data.primary[i]!);
      expect(seen.size, info.name).toBe(info.breeds.length);
    });
  });

  test("ids are unique, newest first, and map back to their index", () => {
    const data = createDataset(2, 0.02);
    expect(new Set(data.ids).size).toBe(data.count);
    for (let i = 1; i < data.count; i++) {
      expect(data.ids[i]!).toBeLessThan(data.ids[i - 1]!);
      expect(data.published[i]!).toBeLessThanOrEqual(data.published[i - 1]!);
    }
    for (let i = 0; i < data.count; i += 37) expect(indexOfAnimalId(data, data.ids[i]!)).toBe(i);
    expect(indexOfAnimalId(data, 1)).toBe(-1);
    expect(indexOfAnimalId(data, data.ids[0]! + 1_000_000)).toBe(-1);
  });

  test("secondary breeds differ from the primary; photo counts stay within 0..6", () => {
    const data = createDataset(3, 0.05);
    for (let i = 0; i < data.count; i++) {
      if (data.secondary[i] !== NONE) expect(data.secondary[i]).not.toBe(data.primary[i]);
      expect(data.photos[i]!).toBeLessThanOrEqual(MAX_PHOTOS);
    }
  });

  test("re-posts come from another animal of the same type and are never chains", () => {
    const data = createDataset(3, 0.05);
    let reposts = 0;
    let photos = 0;
    for (let i = 0; i < data.count; i++) {
      for (let p = 1; p <= data.photos[i]!; p++) {
        photos++;
        const c = photoContent(data, i, p);
        if (c.index === i && c.photo === p) continue;
        reposts++;
        expect(c.index).not.toBe(i);
        expect(data.type[c.index]).toBe(data.type[i]);
        expect(c.photo).toBeLessThanOrEqual(data.photos[c.index]!);
        expect(photoContent(data, c.index, c.photo)).toEqual(c);
      }
    }
    expect(reposts / photos).toBeGreaterThan(0.005);
    expect(reposts / photos).toBeLessThan(0.03);
  });

  test.each([
    [-1, 1],
    [1.5, 1],
    [1, 0],
    [1, -2],
    [1, 21],
    [1, Number.NaN],
  ])("seed %d, scale %d is refused with a TypeError", (seed, scale) => {
    expect(() => createDataset(seed, scale)).toThrow(TypeError);
  });
});
