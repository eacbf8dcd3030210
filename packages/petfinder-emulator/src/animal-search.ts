import { animalAttributes, animalEnvironment, animalName } from "./animal-view.js";
import { ANIMAL_TYPES, findAnimalType } from "./catalog.js";
import { AGES, type Dataset, GENDERS, NONE, STATUSES } from "./dataset.js";
import { createPrng, hashString } from "@cat-harvest/emulator-kit";
import type { InvalidParam } from "./problems.js";
import { ParamReader } from "./query-params.js";
import { distanceMiles } from "./places.js";

const SORTS = ["recent", "-recent", "distance", "-distance", "random"] as const;
const COATS = ["short", "medium", "long", "wire", "hairless", "curly"];
const SIZE_PARAMS = ["small", "medium", "large", "xlarge"];

/** A parsed `GET /v2/animals` request. */
export interface AnimalSearch {
  readonly key: string;
  readonly page: number;
  readonly limit: number;
  readonly params: ReadonlyMap<string, string>;
  readonly location: { latitude: number; longitude: number; distance: number } | undefined;
  readonly test: (index: number) => boolean;
  readonly sort: (typeof SORTS)[number];
}

/** Parses the query of `GET /v2/animals`; returns invalid-params when a value is bad. */
export function parseAnimalSearch(data: Dataset, search: URLSearchParams): AnimalSearch | InvalidParam[] {
  const r = new ParamReader(search);
  const typeValue = r.get("type");
  let typeIndex = -1;
  if (typeValue !== undefined) {
    typeIndex = findAnimalType(typeValue);
    if (typeIndex < 0) r.fail("type", `${typeValue} is not a valid animal type.`);
  }
  const types = typeIndex >= 0 ? [typeIndex] : ANIMAL_TYPES.map((_, i) => i);
  const breedNames = r.list("breed");
  let breedSets: Array<Set<number> | undefined> | undefined;
  if (breedNames) {
    breedSets = ANIMAL_TYPES.map(() => undefined);
    for (const name of breedNames) {
      let found = false;
      for (const t of types) {
        const b = ANIMAL_TYPES[t]!.breeds.findIndex((x) => x.toLowerCase() === name);
        if (b >= 0) {
          (breedSets[t] ??= new Set()).add(b);
          found = true;
        }
      }
      if (!found) r.fail("breed", `${name} is not a valid breed${typeIndex >= 0 ? ` for ${ANIMAL_TYPES[typeIndex]!.name}` : ""}.`);
    }
  }
  const sizes = r.list("size", SIZE_PARAMS)?.map((s) => SIZE_PARAMS.indexOf(s));
  const genders = r
    .list(
      "gender",
      GENDERS.map((g) => g.toLowerCase()),
    )
    ?.map((g) => GENDERS.findIndex((x) => x.toLowerCase() === g));
  const ages = r
    .list(
      "age",
      AGES.map((a) => a.toLowerCase()),
    )
    ?.map((a) => AGES.findIndex((x) => x.toLowerCase() === a));
  const coats = r.list("coat", COATS);
  const colors = r.list("color");
  if (colors) {
    const known = new Set(types.flatMap((t) => ANIMAL_TYPES[t]!.colors.map((c) => c.toLowerCase())));
    for (const c of colors) if (!known.has(c)) r.fail("color", `${c} is not a valid color.`);
  }
  const statuses = (r.list("status", [...STATUSES]) ?? ["adoptable"]).map((s) => STATUSES.indexOf(s as never));
  const name = r.get("name")?.toLowerCase();
  const orgs = r.list("organization");
  const orgSet = orgs ? new Set(orgs.map((o) => data.organizationIndex.get(o.toUpperCase()) ?? -1)) : undefined;
  const withChildren = r.boolean("good_with_children");
  const withDogs = r.boolean("good_with_dogs");
  const withCats = r.boolean("good_with_cats");
  const houseTrained = r.boolean("house_trained", true);
  const declawed = r.boolean("declawed", true);
  const specialNeeds = r.boolean("special_needs", true);
  const before = r.date("before");
  const after = r.date("after");
  const location = r.location();
  const sortValue = r.get("sort") ?? "recent";
  const sort = SORTS.find((s) => s === sortValue.toLowerCase());
  if (!sort) r.fail("sort", `${sortValue} is not a valid sort; use recent, -recent, distance, -distance or random.`);
  else if ((sort === "distance" || sort === "-distance") && !location) r.fail("sort", `sort=${sort} needs a location.`);
  const page = r.integer("page", 1, 1, 1_000_000);
  const limit = r.integer("limit", 20, 1, 100);
  if (r.errors.length > 0) return r.errors;

  const typeSet = new Set(types);
  const test = (i: number): boolean => {
    const t = data.type[i]!;
    if (!typeSet.has(t)) return false;
    if (!statuses.includes(data.status[i]!)) return false;
    if (breedSets) {
      const set = breedSets[t];
      if (!set) return false;
      const sec = data.secondary[i]!;
      if (!set.has(data.primary[i]!) && !(sec !== NONE && set.has(sec))) return false;
    }
    if (sizes && !sizes.includes(data.size[i]!)) return false;
    if (genders && !genders.includes(data.gender[i]!)) return false;
    if (ages && !ages.includes(data.age[i]!)) return false;
    if (coats) {
      const c = data.coat[i]!;
      if (c === NONE || !coats.includes(ANIMAL_TYPES[t]!.coats[c]!.toLowerCase())) return false;
    }
    if (colors) {
      const c = data.color[i]!;
      if (c === NONE || !colors.includes(ANIMAL_TYPES[t]!.colors[c]!.toLowerCase())) return false;
    }
    if (orgSet && !orgSet.has(data.org[i]!)) return false;
    if (before !== undefined && data.published[i]! >= before) return false;
    if (after !== undefined && data.published[i]! <= after) return false;
    if (withChildren !== undefined || withDogs !== undefined || withCats !== undefined) {
      const [children, dogs, cats] = animalEnvironment(data, i);
      if (withChildren !== undefined && children !== withChildren) return false;
      if (withDogs !== undefined && dogs !== withDogs) return false;
      if (withCats !== undefined && cats !== withCats) return false;
    }
    if (houseTrained || declawed || specialNeeds) {
      const a = animalAttributes(data, i);
      if (houseTrained && !a.house_trained) return false;
      if (declawed && !a.declawed) return false;
      if (specialNeeds && !a.special_needs) return false;
    }
    if (name !== undefined && !animalName(data, i).toLowerCase().includes(name)) return false;
    if (location) {
      const org = data.organizations[data.org[i]!]!;
      if (distanceMiles(location.latitude, location.longitude, org.latitude, org.longitude) > location.distance) return false;
    }
    return true;
  };
  const params = r.used;
  const key = [...params]
    .filter(([k]) => k !== "page" && k !== "limit")
    .sort()
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  return { key, page, limit, params, location, test, sort: sort! };
}

/** Runs searches, keeping the last few result lists so paging through one is cheap. */
export class AnimalSearcher {
  readonly #cache = new Map<string, Int32Array>();

  constructor(
    private readonly data: Dataset,
    private readonly maxCached = 32,
  ) {}

  /** All matching animal indexes, in the requested order. */
  run(search: AnimalSearch): Int32Array {
    const cached = this.#cache.get(search.key);
    if (cached) {
      this.#cache.delete(search.key);
      this.#cache.set(search.key, cached);
      return cached;
    }
    const data = this.data;
    const hits: number[] = [];
    for (let i = 0; i < data.count; i++) if (search.test(i)) hits.push(i);
    let result = Int32Array.from(hits);
    if (search.sort === "-recent") result.reverse();
    else if (search.sort === "random") {
      // A fixed shuffle per seed and query, so paging through a "random" search is consistent.
      const rand = createPrng(hashString(search.key, data.seed));
      for (let i = result.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        const tmp = result[i]!;
        result[i] = result[j]!;
        result[j] = tmp;
      }
    } else if (search.sort === "distance" || search.sort === "-distance") {
      const loc = search.location!;
      const dist = new Float64Array(data.organizations.length);
      data.organizations.forEach((o, k) => {
        dist[k] = distanceMiles(loc.latitude, loc.longitude, o.latitude, o.longitude);
      });
      const sign = search.sort === "distance" ? 1 : -1;
      result = result.sort((a, b) => sign * (dist[data.org[a]!]! - dist[data.org[b]!]!) || a - b);
    }
    this.#cache.set(search.key, result);
    if (this.#cache.size > this.maxCached) this.#cache.delete(this.#cache.keys().next().value!);
    return result;
  }
}
