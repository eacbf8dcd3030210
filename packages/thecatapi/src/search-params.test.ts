import { describe, expect, test } from "vitest";
import { imageSearchParams, type ImageSearchParams } from "./search-params.js";

describe("imageSearchParams", () => {
  test.each([
    [{}, ""],
    [{ breedIds: "beng" }, "breed_ids=beng"],
    [{ breedIds: ["beng", "siam"], order: "ASC", limit: 25, page: 0 }, "order=ASC&limit=25&page=0&breed_ids=beng%2Csiam"],
    [{ mimeTypes: ["jpg", "png"], hasBreeds: true, size: "full" }, "size=full&mime_types=jpg%2Cpng&has_breeds=1"],
  ] as Array<[ImageSearchParams, string]>)("%j -> %s", (params, query) => {
    expect(imageSearchParams(params).toString()).toBe(query);
  });

  test.each([
    [{ breeds: "beng" }, "unknown parameter breeds"],
    [{ limit: 0 }, "limit must be a whole number from 1 to 100"],
    [{ page: -1 }, "page must be a whole number"],
    [{ order: "asc" }, "order must be ASC, DESC or RANDOM"],
    [{ breedIds: "beng,siam" }, "breedIds must be breed ids"],
    [{ mimeTypes: ["webp"] }, "mimeTypes takes jpg, png and gif"],
  ])("%j is refused: %s", (params, message) => {
    expect(() => imageSearchParams(params as ImageSearchParams)).toThrow(TypeError);
    expect(() => imageSearchParams(params as ImageSearchParams)).toThrow(message);
  });
});
