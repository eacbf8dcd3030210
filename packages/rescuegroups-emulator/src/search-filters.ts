import type { Reply } from "@cat-harvest/emulator-kit";
import { errorReply } from "./documents.js";

/** A filter as a search body gives it, checked. */
export interface SearchFilter {
  /** The attribute without its `animals.` prefix, or `id`. */
  readonly field: string;
  readonly operation: string;
  readonly criteria: unknown;
}

/** The animal fields a search filters on (with the `animals.` prefix on the wire). */
export const FILTER_FIELDS: readonly string[] = [
  "id",
  "name",
  "sex",
  "ageGroup",
  "sizeGroup",
  "breedPrimary",
  "breedPrimaryId",
  "breedSecondary",
  "breedSecondaryId",
  "isBreedMixed",
  "pictureCount",
  "createdDate",
  "updatedDate",
];
const DATE_FIELDS = new Set(["createdDate", "updatedDate"]);
export const OPERATIONS: readonly string[] = [
  "equal",
  "equals",
  "notequal",
  "notequals",
  "contains",
  "notcontains",
  "lessthan",
  "greaterthan",
  "blank",
  "notblank",
];
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(detail: string, pointer: string): Reply {
  return errorReply(400, "Bad Request", detail, { source: { pointer } });
}

/**
 * The filters of a search's JSON:API body (`{ data: { filters: [...] } }`), or the answer that
 * refuses them: 400 for a body that is not JSON or a field without the `animals.` prefix (naming
 * it, with a pointer into the body), 500 for a date that is not RFC 3339, as the real API does.
 */
export function parseFilters(body: string): SearchFilter[] | Reply {
  if (body.trim() === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return errorReply(400, "Bad Request", "The request body is not valid JSON.", { source: { pointer: "" } });
  }
  const filters = (parsed as { data?: { filters?: unknown } } | null)?.data?.filters;
  if (filters === undefined) return [];
  if (!Array.isArray(filters)) return invalid("data.filters must be an array of filters.", "/data/filters");
  const out: SearchFilter[] = [];
  for (const [i, raw] of filters.entries()) {
    const { fieldName, operation, criteria } = (raw ?? {}) as { fieldName?: unknown; operation?: unknown; criteria?: unknown };
    const name = String(fieldName ?? "");
    const field = name.startsWith("animals.") ? name.slice("animals.".length) : undefined;
    if (field === undefined || !FILTER_FIELDS.includes(field)) return invalid(`"${name}" is not a valid filter field`, `/data/filters/${i}/fieldName`);
    const op = String(operation ?? "").toLowerCase();
    if (!OPERATIONS.includes(op)) return invalid(`"${String(operation)}" is not a valid filter operation`, `/data/filters/${i}/operation`);
    if (DATE_FIELDS.has(field) && !["blank", "notblank"].includes(op) && !RFC3339.test(String(criteria))) {
      return errorReply(500, "Internal Server Error", "An error occurred while processing the search.");
    }
    out.push({ field, operation: op, criteria });
  }
  return out;
}

/** Whether an attribute value passes a filter (case-insensitive, as the API compares). */
export function holds(value: unknown, { field, operation, criteria }: SearchFilter): boolean {
  if (operation === "blank") return value === undefined || value === "";
  if (operation === "notblank") return value !== undefined && value !== "";
  if (value === undefined) return operation.startsWith("not");
  const wanted = Array.isArray(criteria) ? criteria.map((c) => String(c).toLowerCase()) : [String(criteria).toLowerCase()];
  const text = String(value).toLowerCase();
  if (DATE_FIELDS.has(field) && (operation === "lessthan" || operation === "greaterthan")) {
    const diff = Date.parse(String(value)) - Date.parse(String(criteria));
    return operation === "lessthan" ? diff < 0 : diff > 0;
  }
  switch (operation) {
    case "equal":
    case "equals":
      return wanted.includes(text);
    case "notequal":
    case "notequals":
      return !wanted.includes(text);
    case "contains":
      return wanted.some((w) => text.includes(w));
    case "notcontains":
      return !wanted.some((w) => text.includes(w));
    case "lessthan":
      return Number(value) < Number(criteria);
    default:
      return Number(value) > Number(criteria);
  }
}
