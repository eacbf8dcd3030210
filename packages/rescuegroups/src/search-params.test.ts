import { describe, expect, test } from "vitest";
import { pageNumber, searchBody } from "./search-params.js";

describe("searchBody", () => {
  test("sends nothing to filter as no body (a plain GET)", () => {
    expect(searchBody()).toBeUndefined();
    expect(searchBody({ limit: 10 })).toBeUndefined();
  });

  test("turns breedId into an animals.breedPrimaryId filter", () => {
    expect(searchBody({ breedId: 199 })).toEqual({ data: { filters: [{ fieldName: "animals.breedPrimaryId", operation: "equal", criteria: "199" }] } });
  });

  test.each([
    ["sex", "animals.sex"],
    [" breedPrimary ", "animals.breedPrimary"],
    ["animals.sex", "animals.sex"],
    ["orgs.city", "orgs.city"],
  ])("sends the field %j as %j (the API answers 400 without the prefix)", (fieldName, sent) => {
    expect(searchBody({ filters: [{ fieldName, operation: "equal", criteria: "x" }] })?.data.filters[0]?.fieldName).toBe(sent);
  });

  test("sends a Date in RFC 3339 (the API answers 500 to a space-separated date)", () => {
    const body = searchBody({ filters: [{ fieldName: "updatedDate", operation: "greaterthan", criteria: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) }] });
    expect(body?.data.filters[0]?.criteria).toBe("2026-01-02T03:04:05.000Z");
  });

  test.each([
    [{ breedId: "Siamese" }, /breedId as a breed's numeric id/],
    [{ filters: [{ fieldName: "", operation: "equal", criteria: 1 }] }, /needs a fieldName/],
    [{ filters: [{ fieldName: "sex", operation: "", criteria: 1 }] }, /on sex needs an operation/],
  ])("refuses bad parameters with a TypeError: %j", (params, message) => {
    expect(() => searchBody(params as never)).toThrow(message);
  });
});

test.each([
  ["limit", 0],
  ["limit", 251],
  ["limit", 2.5],
  ["page", 0],
] as const)("pageNumber refuses %s %j", (name, value) => {
  expect(() => pageNumber(name, value, 1)).toThrow(TypeError);
});
