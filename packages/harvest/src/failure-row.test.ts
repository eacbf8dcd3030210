import { describe, expect, test } from "vitest";
import { duplicateOf, readFailureRow } from "./failure-row.js";

const base = { source_url: "http://x/6", breed: "Bengal", animal_id: 6, attempts: 1, file_name: "Bengal/6-1.jpg" };

describe("readFailureRow", () => {
  test.each([
    [
      "this version's duplicate",
      { ...base, reason: "duplicate", duplicate_of: "Bengal/1-1.jpg" },
      { ...base, reason: "duplicate", duplicate_of: "Bengal/1-1.jpg" },
    ],
    [
      "an earlier version's `duplicate of <file>`",
      { ...base, reason: "duplicate of Bengal/1-1.jpg" },
      { ...base, reason: "duplicate", duplicate_of: "Bengal/1-1.jpg" },
    ],
    ["another failure, as it is", { ...base, reason: "http-404", detail: "gone" }, { ...base, reason: "http-404", detail: "gone" }],
  ])("reads %s", (_, line, row) => {
    expect(readFailureRow(line)).toEqual(row);
  });

  test.each([[null], ["text"], [{ reason: "x" }], [{ source_url: "http://x/1" }]])("refuses %j as not a failure row", (line) => {
    expect(readFailureRow(line)).toBeUndefined();
  });

  test("a row of an earlier version comes back without the credentials its URL held", () => {
    const url = "http://ann:s3cret@x/6?token=abc";
    expect(
      readFailureRow({
        ...base,
        source_url: url,
        reason: "network",
        detail: `GET ${url} failed: Request cannot be constructed from a URL that includes credentials: ${url}`,
      }),
    ).toEqual({
      ...base,
      source_url: "http://x/6?token=REDACTED",
      reason: "network",
      detail: "GET http://x/6?token=abc failed: Request cannot be constructed from a URL that includes credentials: http://x/6?token=abc",
    });
  });

  test("duplicateOf names the stored file of a duplicate only", () => {
    expect(duplicateOf(readFailureRow({ ...base, reason: "duplicate of Bengal/1-1.jpg" })!)).toBe("Bengal/1-1.jpg");
    expect(duplicateOf({ ...base, reason: "http-404" })).toBeUndefined();
  });
});
