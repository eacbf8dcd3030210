import { describe, expect, test } from "vitest";
import { createFingerprintSet, fingerprint } from "./fingerprint-set.js";

describe("createFingerprintSet", () => {
  test("add says whether a key is new, has finds every added key and no other, across growth", () => {
    const set = createFingerprintSet();
    for (let i = 0; i < 50_000; i++) expect(set.add(`Bengal/${i}-1.jpg`)).toBe(true);
    expect(set.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 7) expect(set.add(`Bengal/${i}-1.jpg`)).toBe(false);
    for (let i = 0; i < 50_000; i++) expect(set.has(`Bengal/${i}-1.jpg`)).toBe(true);
    for (let i = 50_000; i < 100_000; i++) expect(set.has(`Bengal/${i}-1.jpg`)).toBe(false);
    expect(set.size).toBe(50_000);
  });

  test("the empty string and strings of one character apart are distinct keys", () => {
    const set = createFingerprintSet();
    expect(set.add("")).toBe(true);
    expect(set.has("a")).toBe(false);
    expect(set.add("a")).toBe(true);
    expect(set.add("b")).toBe(true);
    expect(set.add("ab")).toBe(true);
    expect(set.add("ba")).toBe(true);
    expect(set.add("")).toBe(false);
    expect(set.size).toBe(5);
  });

  test("fingerprints spread: no two of 200,000 file names share one", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(fingerprint(`Maine_Coon/${i}-${i % 5}.jpg`).join(":"));
    expect(seen.size).toBe(200_000);
  });
});
