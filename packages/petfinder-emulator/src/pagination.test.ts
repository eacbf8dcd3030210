import { describe, expect, test } from "vitest";
import { pageHref, pagination } from "./pagination.js";

describe("pageHref", () => {
  test.each([
    [
      [
        ["type", "cat"],
        ["limit", "50"],
      ],
      2,
      "/v2/animals?limit=50&page=2&type=cat",
    ],
    [[], 3, "/v2/animals?page=3"],
    [
      [
        ["page", "9"],
        ["breed", "Domestic Short Hair"],
      ],
      1,
      "/v2/animals?breed=Domestic Short Hair&page=1",
    ],
    [
      [
        ["after", "2020-01-01T00:00:00-08:00"],
        ["before", "2020-06-30T00:00:00-07:00"],
        ["limit", "5"],
      ],
      2,
      "/v2/animals?after=2020-01-01T00:00:00-08:00&before=2020-06-30T00:00:00-07:00&limit=5&page=2",
    ],
    [
      [
        ["color", "Black & White / Tuxedo"],
        ["after", "2020-01-01T00:00:00+00:00"],
      ],
      2,
      "/v2/animals?after=2020-01-01T00:00:00%2B00:00&color=Black %26 White / Tuxedo&page=2",
    ],
  ] as Array<[Array<[string, string]>, number, string]>)("%j page %i -> %s", (params, page, href) => {
    expect(pageHref("/v2/animals", new Map(params), page)).toBe(href);
  });
});

describe("pagination", () => {
  test.each([
    // total, page, limit -> total_pages, has previous, has next
    [0, 1, 20, 0, false, false],
    [20, 1, 20, 1, false, false],
    [21, 1, 20, 2, false, true],
    [21, 2, 20, 2, true, false],
    [21, 3, 20, 2, true, false],
    [100, 5, 10, 10, true, true],
  ])("%i results, page %i of limit %i: %i pages, previous %s, next %s", (total, page, limit, pages, previous, next) => {
    const p = pagination("/v2/animals", new Map(), total, page, limit);
    expect(p).toMatchObject({ count_per_page: limit, total_count: total, current_page: page, total_pages: pages });
    expect("previous" in p._links).toBe(previous);
    expect("next" in p._links).toBe(next);
  });
});
