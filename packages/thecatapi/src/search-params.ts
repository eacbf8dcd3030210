/** Image formats the API filters by (`mime_types`). */
export type MimeType = "jpg" | "png" | "gif";
/** The order of a search: only ASC and DESC page; RANDOM draws a sample. */
export type ImageOrder = "ASC" | "DESC" | "RANDOM";

/** Parameters of `GET /images/search`. */
export interface ImageSearchParams {
  /** Breed ids (`beng`, or several); the API's filter is `breed_ids` (its `breeds` parameter is ignored). */
  breedIds?: string | readonly string[];
  /** @default "ASC" for the paged searches, the API's RANDOM for `searchPage` */
  order?: ImageOrder;
  /** Images per page: the API honours up to 25 with a key (read `pagination.limit`). @default 25 when paging */
  limit?: number;
  /** The page, from 0. @default 0 */
  page?: number;
  /** Only these formats. */
  mimeTypes?: readonly MimeType[];
  /** Only images with a breed. */
  hasBreeds?: boolean;
  /** The size the API should serve (`full` unless asked). */
  size?: "full" | "med" | "small" | "thumb";
}

const KNOWN = new Set(["breedIds", "order", "limit", "page", "mimeTypes", "hasBreeds", "size"]);

function whole(name: string, value: unknown, min: number, max: number): void {
  if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)) {
    throw new TypeError(`searchImages: ${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
}

/** The query string of a search; throws a `TypeError` for an unknown or bad parameter (the API ignores them silently). */
export function imageSearchParams(params: ImageSearchParams = {}): URLSearchParams {
  const unknown = Object.keys(params).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) throw new TypeError(`searchImages: unknown parameter ${unknown.join(", ")}; use ${[...KNOWN].join(", ")}`);
  whole("limit", params.limit, 1, 100);
  whole("page", params.page, 0, Number.MAX_SAFE_INTEGER);
  if (params.order !== undefined && !["ASC", "DESC", "RANDOM"].includes(params.order))
    throw new TypeError(`searchImages: order must be ASC, DESC or RANDOM, got ${String(params.order)}`);
  const ids = typeof params.breedIds === "string" ? [params.breedIds] : (params.breedIds ?? []);
  if (ids.some((id) => typeof id !== "string" || id.trim() === "" || id.includes(",")))
    throw new TypeError('searchImages: breedIds must be breed ids such as "beng" (a string or an array)');
  const mimes = params.mimeTypes ?? [];
  if (mimes.some((m) => !["jpg", "png", "gif"].includes(m))) throw new TypeError(`searchImages: mimeTypes takes jpg, png and gif, got ${mimes.join(", ")}`);
  const query = new URLSearchParams();
  if (params.size !== undefined) query.set("size", params.size);
  if (mimes.length > 0) query.set("mime_types", mimes.join(","));
  if (params.order !== undefined) query.set("order", params.order);
  if (params.limit !== undefined) query.set("limit", String(params.limit));
  if (params.page !== undefined) query.set("page", String(params.page));
  if (params.hasBreeds !== undefined) query.set("has_breeds", params.hasBreeds ? "1" : "0");
  if (ids.length > 0) query.set("breed_ids", ids.join(","));
  return query;
}
