import * as v from "valibot";
import { expect, test } from "vitest";
import { PetfinderError, PetfinderValidationError } from "./errors.js";
import { AnimalsPageSchema, TokenResponseSchema } from "./schemas.js";
import { formatIssuePath, validateResponse } from "./validate-response.js";

test.each([
  [[], ""],
  [[{ key: "animals" }], "animals"],
  [[{ key: "animals" }, { key: 3 }, { key: "photos" }, { key: 0 }, { key: "small" }], "animals[3].photos[0].small"],
  [[{ key: "hours" }, { key: "odd key" }], 'hours["odd key"]'],
])("formatIssuePath(%j) = %j", (path, text) => {
  expect(formatIssuePath(path)).toBe(text);
});

const animal = {
  id: 1,
  organization_id: "OR1",
  url: "https://x",
  type: "Cat",
  species: "Cat",
  breeds: { primary: "Bengal", secondary: null, mixed: false, unknown: false },
  colors: { primary: null, secondary: null, tertiary: null },
  age: "Baby",
  gender: "Male",
  size: "Small",
  coat: null,
  attributes: {},
  environment: {},
  tags: [],
  name: "Tom",
  description: null,
  photos: [{ small: "https://x/s" }],
  status: "adoptable",
  contact: {},
  brand_new_field: { kept: true },
};
const page = (a: unknown) => ({ animals: [a], pagination: { count_per_page: 1, total_count: 1, current_page: 1, total_pages: 1, _links: [] } });

test("passes unknown fields through", () => {
  const out = validateResponse(AnimalsPageSchema, page(animal), "animals", "http://h/v2/animals");
  expect(out.animals[0]!["brand_new_field"]).toEqual({ kept: true });
});

test("names the first bad field and the URL", () => {
  const bad = { ...animal, photos: [{ small: 42 }] };
  const error = (() => {
    try {
      validateResponse(AnimalsPageSchema, page(bad), "Petfinder animals: GET", "http://h/v2/animals?page=2");
    } catch (e) {
      return e;
    }
  })() as PetfinderValidationError;
  expect(error).toBeInstanceOf(PetfinderValidationError);
  expect(PetfinderError.isInstance(error)).toBe(true);
  expect(error.path).toBe("animals[0].photos[0].small");
  expect(error.url).toBe("http://h/v2/animals?page=2");
  expect(error.message).toContain("animals[0].photos[0].small");
  expect(error.message).toContain("http://h/v2/animals?page=2");
});

test("never repeats a value it refused (token responses hold secrets)", () => {
  const error = (() => {
    try {
      validateResponse(TokenResponseSchema, { token_type: "Bearer", expires_in: "s3cr3t-token", access_token: 5 }, "token", "http://h/v2/oauth2/token");
    } catch (e) {
      return e as PetfinderValidationError;
    }
  })()!;
  expect(error.issues.map((i) => i.path).sort()).toEqual(["access_token", "expires_in"]);
  expect(JSON.stringify(error) + error.message + String(error.stack)).not.toContain("s3cr3t-token");
  expect(v.is(TokenResponseSchema, {})).toBe(false);
});
