import { BREED_TABLE } from "./breed-table.js";
import type { Dataset } from "./dataset.js";

/** Which images a search or the truth covers. */
export interface ImageFilter {
  /** Breed indexes (`breed_ids`); unknown ids match nothing. */
  readonly breeds?: readonly number[];
  /** Only images with a breed (`has_breeds=1`). */
  readonly hasBreeds: boolean;
  /** Format indexes (`mime_types`: jpg, png, gif). */
  readonly formats?: readonly number[];
}

const MIME_TYPES: Readonly<Record<string, number>> = { jpg: 0, jpeg: 0, png: 1, gif: 2 };

function list(search: URLSearchParams, name: string): string[] | undefined {
  const raw = search.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  return raw
    .split(",")
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
}

/** The index of a breed id, or -2 for an unknown one (-1 marks images without a breed). */
function breedIndex(id: string): number {
  const b = BREED_TABLE.findIndex((row) => row[0] === id);
  return b < 0 ? -2 : b;
}

/** The filter a query asks for: `breed_ids`, `has_breeds`, `mime_types` (the `breeds` parameter is ignored, as by the real API). */
export function parseImageFilter(search: URLSearchParams): ImageFilter {
  const ids = list(search, "breed_ids");
  const mimes = list(search, "mime_types")
    ?.map((m) => MIME_TYPES[m.replace(/^image\//, "")])
    .filter((f) => f !== undefined);
  const hasBreeds = ["1", "true"].includes((search.get("has_breeds") ?? "").toLowerCase());
  return {
    hasBreeds,
    ...(ids ? { breeds: ids.map(breedIndex) } : {}),
    ...(mimes && mimes.length > 0 ? { formats: mimes } : {}),
  };
}

/** A stable key of a filter, for caching its hits. */
export function filterKey(filter: ImageFilter): string {
  return JSON.stringify([filter.breeds ?? null, filter.hasBreeds, filter.formats ?? null]);
}

/** Whether image `i` passes the filter. */
export function matches(data: Dataset, i: number, filter: ImageFilter): boolean {
  const b = data.breed[i]!;
  if (filter.hasBreeds && b < 0) return false;
  if (filter.breeds && !filter.breeds.includes(b)) return false;
  if (filter.formats && !filter.formats.includes(data.format[i]!)) return false;
  return true;
}

/** Every image passing the filter, in upload order. */
export function filterImages(data: Dataset, filter: ImageFilter): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < data.count; i++) if (matches(data, i, filter)) out.push(i);
  return Int32Array.from(out);
}
