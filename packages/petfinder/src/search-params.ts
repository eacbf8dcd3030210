/** One value or several (sent comma-separated). */
export type OneOrMany<T> = T | readonly T[];

/** Animal sizes `GET /v2/animals` filters on. */
export type AnimalSize = "small" | "medium" | "large" | "xlarge";
export type AnimalGender = "male" | "female" | "unknown";
export type AnimalAge = "baby" | "young" | "adult" | "senior";
export type AnimalCoat = "short" | "medium" | "long" | "wire" | "hairless" | "curly";
export type AnimalStatus = "adoptable" | "adopted" | "found";
export type AnimalSort = "recent" | "-recent" | "distance" | "-distance" | "random";
export type OrganizationSort = "distance" | "-distance" | "name" | "-name" | "country" | "-country" | "state" | "-state";

/** Every filter `GET /v2/animals` documents, under the API's own names. */
export interface AnimalSearchParams {
  /** A type name or slug from `types()`, e.g. `"cat"`. */
  type?: string;
  /** Breed names, e.g. `["Siamese", "Bengal"]`. */
  breed?: OneOrMany<string>;
  size?: OneOrMany<AnimalSize>;
  gender?: OneOrMany<AnimalGender>;
  age?: OneOrMany<AnimalAge>;
  /** A color of the type, e.g. `"Black & White / Tuxedo"`. */
  color?: string;
  coat?: OneOrMany<AnimalCoat>;
  /** @default "adoptable" (server side) */
  status?: OneOrMany<AnimalStatus>;
  /** Partial match: "Fred" finds "Alfredo". */
  name?: string;
  /** Organization IDs. */
  organization?: OneOrMany<string>;
  good_with_children?: boolean;
  good_with_dogs?: boolean;
  good_with_cats?: boolean;
  /** Only `true` filters; omit to include every animal. */
  house_trained?: true;
  declawed?: true;
  special_needs?: true;
  /** `"city, state"`, `"latitude,longitude"` or a postal code. */
  location?: string;
  /** Miles from `location` (0-500). @default 100 (server side) */
  distance?: number;
  /** Published before this time (a Date or an ISO-8601 string). */
  before?: Date | string;
  /** Published after this time (a Date or an ISO-8601 string). */
  after?: Date | string;
  /** @default "recent" (server side) */
  sort?: AnimalSort;
  /** 1-based. @default 1 */
  page?: number;
  /** Records per page, 1-100. @default 20 for one page, 100 when iterating */
  limit?: number;
}

/** Every filter `GET /v2/organizations` documents. */
export interface OrganizationSearchParams {
  name?: string;
  location?: string;
  /** Miles from `location` (0-500). */
  distance?: number;
  /** Two-letter state, e.g. `"OR"`. */
  state?: string;
  /** Two-letter country: `"US"` or `"CA"`. */
  country?: string;
  /** Matches name, city and state, with synonyms. */
  query?: string;
  sort?: OrganizationSort;
  page?: number;
  limit?: number;
}

type Kind = "string" | "strings" | "boolean" | "true" | "number" | "date" | "page" | "limit" | "distance";

const ANIMAL_PARAMS: Record<keyof AnimalSearchParams, Kind> = {
  type: "string",
  breed: "strings",
  size: "strings",
  gender: "strings",
  age: "strings",
  color: "string",
  coat: "strings",
  status: "strings",
  name: "string",
  organization: "strings",
  good_with_children: "boolean",
  good_with_dogs: "boolean",
  good_with_cats: "boolean",
  house_trained: "true",
  declawed: "true",
  special_needs: "true",
  location: "string",
  distance: "distance",
  before: "date",
  after: "date",
  sort: "string",
  page: "page",
  limit: "limit",
};

const ORGANIZATION_PARAMS: Record<keyof OrganizationSearchParams, Kind> = {
  name: "string",
  location: "string",
  distance: "distance",
  state: "string",
  country: "string",
  query: "string",
  sort: "string",
  page: "page",
  limit: "limit",
};

/** Names other clients used that Petfinder silently ignores (petpy sent `animal_type`). */
const ALIASES: Record<string, string> = {
  animal_type: "type",
  types: "type",
  breeds: "breed",
  organization_id: "organization",
  org: "organization",
  results_per_page: "limit",
  per_page: "limit",
  pages: "page",
  before_date: "before",
  after_date: "after",
  goodWithChildren: "good_with_children",
  goodWithDogs: "good_with_dogs",
  goodWithCats: "good_with_cats",
  houseTrained: "house_trained",
  specialNeeds: "special_needs",
  colour: "color",
};

function serialize(what: string, known: Record<string, Kind>, params: object | undefined): URLSearchParams {
  if (params !== undefined && (typeof params !== "object" || params === null)) {
    throw new TypeError(`${what}: params must be an object, got ${params === null ? "null" : typeof params}`);
  }
  const out = new URLSearchParams();
  const entries = Object.entries(params ?? {}).filter(([, value]) => value !== undefined);
  for (const [key, value] of entries) {
    const kind = known[key];
    if (!kind) {
      // Petfinder ignores unknown parameters and answers unfiltered; refuse them here instead.
      const hint = ALIASES[key] ?? (key in known ? undefined : Object.keys(known).find((k) => k.toLowerCase() === key.toLowerCase()));
      throw new TypeError(`${what}: unknown parameter "${key}"${hint ? `; did you mean "${hint}"?` : ""} Known parameters: ${Object.keys(known).join(", ")}.`);
    }
    const bad = (expected: string) => new TypeError(`${what}: parameter "${key}" must be ${expected}, got ${JSON.stringify(value) ?? String(value)}`);
    switch (kind) {
      case "string":
        if (typeof value !== "string" || value === "") throw bad("a non-empty string");
        out.set(key, value);
        break;
      case "strings": {
        const list: unknown[] = Array.isArray(value) ? value : [value];
        if (list.length === 0 || list.some((item) => typeof item !== "string" || item === "")) {
          throw bad("a non-empty string or array of non-empty strings");
        }
        out.set(key, list.join(","));
        break;
      }
      case "boolean":
        if (typeof value !== "boolean") throw bad("true or false");
        out.set(key, value ? "true" : "false");
        break;
      case "true":
        if (value !== true) throw bad("true (Petfinder only filters for true; omit it to include every animal)");
        out.set(key, "true");
        break;
      case "distance":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 500) {
          throw bad("a whole number of miles from 0 to 500");
        }
        out.set(key, String(value));
        break;
      case "page":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw bad("a whole number >= 1");
        out.set(key, String(value));
        break;
      case "limit":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 100) {
          throw bad("a whole number from 1 to 100");
        }
        out.set(key, String(value));
        break;
      case "date": {
        if (value instanceof Date) {
          if (Number.isNaN(value.getTime())) throw bad("a valid Date or ISO-8601 string");
          out.set(key, value.toISOString().replace(/\.\d{3}Z$/, "+00:00"));
        } else if (typeof value === "string" && !Number.isNaN(Date.parse(value))) {
          out.set(key, value);
        } else {
          throw bad("a valid Date or ISO-8601 string");
        }
        break;
      }
      case "number":
        if (typeof value !== "number" || !Number.isFinite(value)) throw bad("a finite number");
        out.set(key, String(value));
        break;
    }
  }
  if (out.has("distance") && !out.has("location")) {
    throw new TypeError(`${what}: "distance" needs "location" (a city and state, coordinates or a postal code)`);
  }
  return out;
}

/** Query string for `GET /v2/animals`; throws `TypeError` naming an unknown or bad parameter. */
export function animalSearchParams(params?: AnimalSearchParams): URLSearchParams {
  return serialize("animals", ANIMAL_PARAMS, params);
}

/** Query string for `GET /v2/organizations`; throws `TypeError` naming an unknown or bad parameter. */
export function organizationSearchParams(params?: OrganizationSearchParams): URLSearchParams {
  return serialize("organizations", ORGANIZATION_PARAMS, params);
}
