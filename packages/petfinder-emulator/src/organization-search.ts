import type { Dataset } from "./dataset.js";
import { distanceMiles, PLACES, STATE_CODES } from "./places.js";
import type { InvalidParam } from "./problems.js";
import { ParamReader } from "./query-params.js";

const SORT_FIELDS = ["distance", "name", "country", "state"] as const;

/** A parsed `GET /v2/organizations` request. */
export interface OrganizationSearch {
  readonly page: number;
  readonly limit: number;
  readonly params: ReadonlyMap<string, string>;
  readonly name: string | undefined;
  readonly state: string | undefined;
  readonly country: string | undefined;
  readonly query: string | undefined;
  readonly location: { latitude: number; longitude: number; distance: number } | undefined;
  readonly sort: { field: (typeof SORT_FIELDS)[number]; descending: boolean } | undefined;
}

/** Parses the query of `GET /v2/organizations`. */
export function parseOrganizationSearch(search: URLSearchParams): OrganizationSearch | InvalidParam[] {
  const r = new ParamReader(search);
  const name = r.get("name")?.toLowerCase();
  const state = r.get("state")?.toUpperCase();
  if (state !== undefined && !STATE_CODES.has(state)) r.fail("state", `${state} is not a valid state; use a two-letter code such as OR.`);
  const country = r.get("country")?.toUpperCase();
  if (country !== undefined && country !== "US" && country !== "CA") r.fail("country", `${country} is not a valid country; use US or CA.`);
  const query = r.get("query")?.toLowerCase();
  const location = r.location();
  const sortValue = r.get("sort");
  let sort: OrganizationSearch["sort"];
  if (sortValue !== undefined) {
    const descending = sortValue.startsWith("-");
    const field = SORT_FIELDS.find((f) => f === sortValue.replace(/^-/, "").toLowerCase());
    if (!field) r.fail("sort", `${sortValue} is not a valid sort; use distance, name, country or state, optionally prefixed with -.`);
    else if (field === "distance" && !location) r.fail("sort", "sort=distance needs a location.");
    else sort = { field, descending };
  }
  const page = r.integer("page", 1, 1, 1_000_000);
  const limit = r.integer("limit", 20, 1, 100);
  if (r.errors.length > 0) return r.errors;
  return { page, limit, params: r.used, name, state, country, query, location, sort };
}

/** Runs an organization search: matching organization indexes in order, and distances when located. */
export function searchOrganizations(data: Dataset, s: OrganizationSearch): { hits: number[]; distances: Float64Array | undefined } {
  const distances = s.location ? new Float64Array(data.organizations.length) : undefined;
  const hits: number[] = [];
  for (const org of data.organizations) {
    const place = PLACES[org.placeIndex]!;
    if (s.name !== undefined && !org.name.toLowerCase().includes(s.name)) continue;
    if (s.state !== undefined && place.state !== s.state) continue;
    if (s.country !== undefined && place.country !== s.country) continue;
    if (s.query !== undefined) {
      const haystack = `${org.name} ${place.city} ${place.state}`.toLowerCase();
      if (!s.query.split(/\s+/).every((w) => haystack.includes(w))) continue;
    }
    if (s.location && distances) {
      const d = distanceMiles(s.location.latitude, s.location.longitude, org.latitude, org.longitude);
      distances[org.index] = d;
      if (d > s.location.distance) continue;
    }
    hits.push(org.index);
  }
  if (s.sort) {
    const { field, descending } = s.sort;
    const sign = descending ? -1 : 1;
    const value = (k: number): string | number => {
      const org = data.organizations[k]!;
      const place = PLACES[org.placeIndex]!;
      return field === "distance" ? distances![k]! : field === "name" ? org.name.toLowerCase() : field === "country" ? place.country : place.state;
    };
    hits.sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      return sign * (va < vb ? -1 : va > vb ? 1 : 0) || a - b;
    });
  }
  return { hits, distances };
}
