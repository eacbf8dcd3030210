import type { Dataset } from "./dataset.js";
import { imageSha256 } from "@cat-harvest/emulator-kit";
import { servedPhoto } from "./served-photo.js";
import type { PhotoSize } from "./photo-sizes.js";
import { photoBaseUrl, sizedPhotoUrl } from "./photo-urls.js";

/** One photo URL the emulator serves, with what it serves there. */
export interface TruthEntry {
  readonly url: string;
  readonly animal_id: number;
  /** 1-based photo number (the `{n}` slot). */
  readonly photo: number;
  /** small (width 100), medium (300), large (600), full (no width) or crop (450, the first photo's crop only). */
  readonly size: PhotoSize;
  readonly bytes: number;
  readonly sha256: string;
  /** The pool id of a cross-posted photo (`crossPosts` on; its `full` size only): the same bytes as the lines of other emulators with this id. */
  readonly cross_post?: string;
}

/** Narrows the truth to some animals or sizes. */
export interface TruthFilter {
  /** Only animals of these type indexes. */
  readonly types?: readonly number[];
  /** Only these statuses (0 adoptable, 1 adopted, 2 found). */
  readonly statuses?: readonly number[];
  /** Only these size classes. */
  readonly sizes?: readonly PhotoSize[];
}

const ORDER: readonly PhotoSize[] = ["small", "medium", "large", "full"];

/** Every served photo URL with its byte count and sha256, in data order. Lazy: one entry at a time. */
export function* truthEntries(origin: string, data: Dataset, filter: TruthFilter = {}): Generator<TruthEntry> {
  const sizes = filter.sizes ?? [...ORDER, "crop"];
  for (let i = 0; i < data.count; i++) {
    const n = data.photos[i]!;
    if (n === 0) continue;
    if (filter.types && !filter.types.includes(data.type[i]!)) continue;
    if (filter.statuses && !filter.statuses.includes(data.status[i]!)) continue;
    const id = data.ids[i]!;
    for (let p = 1; p <= n; p++) {
      const base = photoBaseUrl(origin, data, i, p);
      for (const size of p === 1 ? [...ORDER, "crop" as const] : ORDER) {
        if (!sizes.includes(size)) continue;
        const { parts, crossPost } = servedPhoto(data, i, p, size);
        const entry = { url: sizedPhotoUrl(base, size), animal_id: id, photo: p, size, bytes: parts.length, sha256: imageSha256(parts) };
        yield crossPost ? { ...entry, cross_post: crossPost.id } : entry;
      }
    }
  }
}

/** One truth entry as a JSON line (keys in the documented order). */
export function truthLine(e: TruthEntry): string {
  return `{"url":${JSON.stringify(e.url)},"animal_id":${e.animal_id},"photo":${e.photo},"size":"${e.size}","bytes":${e.bytes},"sha256":"${e.sha256}"${e.cross_post === undefined ? "" : `,"cross_post":${JSON.stringify(e.cross_post)}`}}\n`;
}
