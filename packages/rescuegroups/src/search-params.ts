/** One filter of a search, as the v5 API takes it in the POST body. */
export interface RescueGroupsFilter {
  /** An animal field, e.g. `"breedPrimaryId"`; a name without a prefix is sent as `animals.<name>`. */
  readonly fieldName: string;
  /** `"equal"`, `"notequal"`, `"contains"`, `"lessthan"`, `"greaterthan"`, ... as the API names them. */
  readonly operation: string;
  /** The value; a `Date` is sent in RFC 3339 (the API answers 500 to a space-separated date). */
  readonly criteria: string | number | boolean | Date | readonly (string | number)[];
}

/** What `catsPage`, `catPages` and `searchCats` look for: adoptable cats with pictures. */
export interface CatSearchParams {
  /** Only cats whose primary breed has this id (`animals.breedPrimaryId` equal), from `catBreeds()`. */
  readonly breedId?: string | number;
  /** More filters, all of which must hold. */
  readonly filters?: readonly RescueGroupsFilter[];
  /**
   * Animals per page, 1 to `MAX_PAGE_SIZE`.
   * @default 250
   */
  readonly limit?: number;
  /**
   * The page to start at, from 1.
   * @default 1
   */
  readonly page?: number;
}

/** The largest `limit` the API takes (250, UNCONFIRMED), and the page size used by default. */
export const MAX_PAGE_SIZE = 250;

/** The JSON:API body of a search; `undefined` when there is nothing to filter (a plain GET then). */
export function searchBody(
  params: CatSearchParams = {},
): { data: { filters: Array<{ fieldName: string; operation: string; criteria: unknown }> } } | undefined {
  const filters = [...(params.breedId === undefined ? [] : [breedFilter(params.breedId)]), ...(params.filters ?? [])].map(wireFilter);
  return filters.length === 0 ? undefined : { data: { filters } };
}

function breedFilter(breedId: string | number): RescueGroupsFilter {
  const text = String(breedId);
  if (!/^\d+$/.test(text))
    throw new TypeError(`A RescueGroups cat search needs breedId as a breed's numeric id (from catBreeds()), got ${JSON.stringify(breedId)}`);
  return { fieldName: "breedPrimaryId", operation: "equal", criteria: text };
}

/** The filter as sent: the field with its `animals.` prefix (the API answers 400 without it), a date in RFC 3339. */
function wireFilter(filter: RescueGroupsFilter): { fieldName: string; operation: string; criteria: unknown } {
  const { fieldName, operation, criteria } = filter ?? {};
  if (typeof fieldName !== "string" || fieldName.trim() === "")
    throw new TypeError(`A RescueGroups filter needs a fieldName, got ${JSON.stringify(fieldName)}`);
  if (typeof operation !== "string" || operation.trim() === "")
    throw new TypeError(`The RescueGroups filter on ${fieldName} needs an operation such as "equal"`);
  const name = fieldName.trim();
  return { fieldName: name.includes(".") ? name : `animals.${name}`, operation, criteria: criteria instanceof Date ? criteria.toISOString() : criteria };
}

/** A page number (from 1) or size (1 to 250) as given, or a `TypeError` naming it. */
export function pageNumber(name: "page" | "limit", value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const most = name === "limit" ? MAX_PAGE_SIZE : Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(value) || value < 1 || value > most) {
    throw new TypeError(`A RescueGroups search needs ${name} as a whole number from 1${name === "limit" ? ` to ${most}` : ""}, got ${String(value)}`);
  }
  return value;
}
