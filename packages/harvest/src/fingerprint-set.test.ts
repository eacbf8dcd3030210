import { describe, expect, test } from "vitest";
import { FingerprintSet } from "./fingerprint-set.js";
import { sha256Fingerprint, textFingerprint } from "./fingerprint.js";

describe("FingerprintSet", () => {
  test("adds each fingerprint once, growing past its first table, and keeps the first value", () => {
    const set = new FingerprintSet({ values: true });
    let added = 0;
    for (let i = 0; i < 50_000; i++) if (set.add(textFingerprint(`https://example.com/${i}.jpg`), i) === -1) added++;
    expect(added).toBe(50_000);
    expect(set.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 97) expect(set.add(textFingerprint(`https://example.com/${i}.jpg`), 1e9)).toBe(i);
    expect(set.has(textFingerprint("https://example.com/50000.jpg"))).toBe(false);
    expect(set.size).toBe(50_000);
  });

  test("costs 8 bytes a slot without values, at most 75% full", () => {
    const set = new FingerprintSet();
    for (let i = 0; i < 100_000; i++) set.add(textFingerprint(String(i)));
    expect(set.byteLength).toBe(262_144 * 8);
  });

  test("takes the zero fingerprint", () => {
    const set = new FingerprintSet();
    expect(set.add({ hi: 0, lo: 0 })).toBe(-1);
    expect(set.has({ hi: 0, lo: 0 })).toBe(true);
  });
});

test.each([
  ["", "a"],
  ["https://a.example/1.jpg", "https://a.example/2.jpg"],
  ["ab", "ba"],
])("texts %j and %j have distinct fingerprints", (a, b) => {
  expect(textFingerprint(a)).not.toEqual(textFingerprint(b));
});

test("a sha256's fingerprint is its first 64 bits", () => {
  expect(sha256Fingerprint("ffffffff00000001" + "0".repeat(48))).toEqual({ hi: 0xffffffff, lo: 1 });
});

describe("FingerprintSet of file names (textFingerprint)", () => {
  const isNew = (set: FingerprintSet, key: string) => set.add(textFingerprint(key)) === -1;

  test("add says whether a name is new, has finds every added name and no other, across growth", () => {
    const set = new FingerprintSet();
    for (let i = 0; i < 50_000; i++) expect(isNew(set, `Bengal/${i}-1.jpg`)).toBe(true);
    expect(set.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 7) expect(isNew(set, `Bengal/${i}-1.jpg`)).toBe(false);
    for (let i = 0; i < 50_000; i++) expect(set.has(textFingerprint(`Bengal/${i}-1.jpg`))).toBe(true);
    for (let i = 50_000; i < 100_000; i++) expect(set.has(textFingerprint(`Bengal/${i}-1.jpg`))).toBe(false);
    expect(set.size).toBe(50_000);
  });

  test("the empty string and strings of one character apart are distinct names", () => {
    const set = new FingerprintSet();
    for (const key of ["", "a", "b", "ab", "ba"]) expect(isNew(set, key)).toBe(true);
    expect(isNew(set, "")).toBe(false);
    expect(set.size).toBe(5);
  });

  test("fingerprints spread: no two of 200,000 file names share one", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) {
      const { hi, lo } = textFingerprint(`Maine_Coon/${i}-${i % 5}.jpg`);
      seen.add(`${hi}:${lo}`);
    }
    expect(seen.size).toBe(200_000);
  });
});

describe("FingerprintSet sized up front", () => {
  test("holds `expected` fingerprints in the table it started with, and grows past them", () => {
    const set = new FingerprintSet({ expected: 20_000 });
    const start = set.byteLength;
    expect(start).toBe(32_768 * 8); // 2^15 slots: 20,000 is over 75% of 2^14
    let added = 0;
    for (let i = 0; i < 20_000; i++) if (set.add(textFingerprint(`u${i}`)) === -1) added++;
    expect(added).toBe(20_000);
    expect(set.byteLength).toBe(start);
    let found = 0;
    for (let i = 0; i < 20_000; i++) if (set.has(textFingerprint(`u${i}`))) found++;
    expect(found).toBe(20_000);
    for (let i = 20_000; i < 40_000; i++) set.add(textFingerprint(`u${i}`));
    expect(set.size).toBe(40_000);
    expect(set.byteLength).toBeGreaterThan(start);
  });
});
