import { describe, expect, test } from "vitest";
import { selectPhotoUrl, type PhotoSize, type PhotoVariants } from "./index.js";

const base = "https://dl5zpyw5k3jeb.cloudfront.net/photos/pets/71234567/1/?bust=1718000000";
const ALL: PhotoVariants = { small: `${base}&width=100`, medium: `${base}&width=300`, large: `${base}&width=600`, full: base };
const only = (...keys: PhotoSize[]): PhotoVariants => Object.fromEntries(keys.map((k) => [k, ALL[k]]));

describe("selectPhotoUrl", () => {
  test.each([
    // [photo, wanted, chosen, fellBack]
    [ALL, undefined, "full", false],
    [ALL, "largest", "full", false],
    [ALL, "small", "small", false],
    [ALL, "medium", "medium", false],
    [ALL, "large", "large", false],
    [only("small", "medium", "large"), undefined, "large", true],
    [only("small", "medium"), "largest", "medium", true],
    [only("small"), undefined, "small", true],
    [only("small", "full"), "large", "full", true],
    [only("small", "medium"), "large", "medium", true],
    [only("small", "large"), "medium", "large", true],
    [only("small", "full"), "medium", "full", true],
    [only("small"), "medium", "small", true],
    [only("medium", "large"), "small", "medium", true],
    [only("full"), "small", "full", true],
    [{ ...ALL, large: null, full: "" }, "large", "medium", true],
  ] as const)("from %j asking for %s takes %s", (photo, wanted, chosen, fellBack) => {
    const result = selectPhotoUrl(photo, { size: wanted });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.size).toBe(chosen);
    expect(result.url).toBe(ALL[chosen]);
    expect(result.fellBack).toBe(fellBack);
  });

  test("passes over an unusable URL, reports it, and takes the next size", () => {
    const result = selectPhotoUrl({ ...ALL, full: "javascript:alert(1)" });
    expect(result).toMatchObject({ ok: true, size: "large", fellBack: true });
    if (!result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ size: "full", error: { problem: "unsupported-protocol" } });
  });

  test.each([
    [null, "no-urls"],
    [undefined, "no-urls"],
    [{}, "no-urls"],
    [{ small: null, full: "" }, "no-urls"],
    ["https://x/photos/pets/1/1/", "no-urls"],
    [{ full: "nope", large: "ftp://x/y" }, "no-usable-url"],
  ])("gives %j no URL (%s) without throwing", (photo, reason) => {
    expect(selectPhotoUrl(photo as PhotoVariants)).toMatchObject({ ok: false, reason });
  });
});
