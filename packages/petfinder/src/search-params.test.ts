import { describe, expect, test } from "vitest";
import { animalSearchParams, organizationSearchParams } from "./search-params.js";

describe("animalSearchParams", () => {
  test.each([
    [{}, ""],
    [{ type: "cat", breed: "Bengal" }, "type=cat&breed=Bengal"],
    [{ breed: ["Siamese", "Bengal"] }, "breed=Siamese%2CBengal"],
    [{ size: ["small", "xlarge"], age: "baby" }, "size=small%2Cxlarge&age=baby"],
    [{ good_with_cats: true, good_with_dogs: false }, "good_with_cats=true&good_with_dogs=false"],
    [{ house_trained: true }, "house_trained=true"],
    [{ location: "Salem, OR", distance: 50 }, "location=Salem%2C+OR&distance=50"],
    [{ after: new Date("2024-01-02T03:04:05Z") }, "after=2024-01-02T03%3A04%3A05%2B00%3A00"],
    [{ before: "2019-10-07T19:13:01-07:00" }, "before=2019-10-07T19%3A13%3A01-07%3A00"],
    [{ page: 3, limit: 100, sort: "-recent" }, "page=3&limit=100&sort=-recent"],
    [{ type: "cat", breed: undefined }, "type=cat"],
  ] as const)("%j -> %s", (params, query) => {
    expect(animalSearchParams(params).toString()).toBe(query);
  });

  test.each([
    [{ animal_type: "cat" }, /unknown parameter "animal_type"; did you mean "type"\?/],
    [{ Breed: "Bengal" }, /did you mean "breed"\?/],
    [{ limit: 101 }, /"limit" must be a whole number from 1 to 100/],
    [{ limit: 0 }, /"limit"/],
    [{ page: 0 }, /"page" must be a whole number >= 1/],
    [{ distance: 501, location: "97301" }, /"distance" must be a whole number of miles from 0 to 500/],
    [{ distance: 10 }, /"distance" needs "location"/],
    [{ house_trained: false }, /only filters for true/],
    [{ breed: [] }, /"breed" must be a non-empty string or array/],
    [{ type: "" }, /"type" must be a non-empty string/],
    [{ good_with_cats: 1 }, /"good_with_cats" must be true or false/],
    [{ after: "yesterday" }, /"after" must be a valid Date or ISO-8601 string/],
    [{ after: new Date(Number.NaN) }, /"after"/],
  ])("refuses %j", (params, message) => {
    expect(() => animalSearchParams(params as never)).toThrow(TypeError);
    expect(() => animalSearchParams(params as never)).toThrow(message);
  });

  test("refuses a non-object", () => {
    expect(() => animalSearchParams("type=cat" as never)).toThrow(/params must be an object/);
  });
});

describe("organizationSearchParams", () => {
  test.each([
    [{ state: "OR", country: "US", sort: "-name" }, "state=OR&country=US&sort=-name"],
    [{ query: "cat rescue", limit: 5 }, "query=cat+rescue&limit=5"],
  ] as const)("%j -> %s", (params, query) => {
    expect(organizationSearchParams(params).toString()).toBe(query);
  });

  test("refuses an animal filter", () => {
    expect(() => organizationSearchParams({ breed: "Bengal" } as never)).toThrow(/unknown parameter "breed"/);
  });
});
