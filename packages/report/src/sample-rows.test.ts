import type { MetadataRow } from "@cat-harvest/harvest";
import { describe, expect, test } from "vitest";
import { RowSample } from "./sample-rows.js";

const row = (n: number): MetadataRow => ({
  file_name: `Bengal/${n}-1.jpg`,
  breed: "Bengal",
  animal_id: n,
  photo: 1,
  source_url: `https://example.test/${n}.jpg`,
  bytes: 10,
  // A hash unrelated to the file order.
  sha256: ((n * 2654435761) % 2 ** 32).toString(16).padStart(64, "0"),
});

describe("RowSample", () => {
  const rows = Array.from({ length: 200 }, (_, i) => row(i));
  const sample = (ordered: MetadataRow[], size: number) => {
    const s = new RowSample(size);
    for (const r of ordered) s.add(r);
    return s.rows();
  };

  test("keeps the rows with the smallest sha256, whatever the order they come in", () => {
    const expected = [...rows].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1)).slice(0, 24);
    const forward = sample(rows, 24);
    expect(forward.map((r) => r.sha256).sort()).toEqual(expected.map((r) => r.sha256));
    expect(sample([...rows].reverse(), 24)).toEqual(forward);
  });

  test("returns them by file name, and all of them when there are fewer than asked", () => {
    const few = sample(rows.slice(0, 5), 24);
    expect(few.map((r) => r.file_name)).toEqual(
      rows
        .slice(0, 5)
        .map((r) => r.file_name)
        .sort(),
    );
  });
});
