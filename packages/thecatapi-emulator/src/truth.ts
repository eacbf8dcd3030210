import { imageSha256 } from "@cat-harvest/emulator-kit";
import { BREED_TABLE } from "./breed-table.js";
import type { Dataset } from "./dataset.js";
import { imageParts } from "./image-content.js";
import { type ImageFilter, matches } from "./image-filter.js";
import { imageUrl } from "./image-urls.js";

/** One image URL the emulator serves, with what it serves there. */
export interface TruthEntry {
  readonly url: string;
  readonly image_id: string;
  /** The breed ids the API lists for the image (empty for an image without a breed). */
  readonly breed_ids: readonly string[];
  readonly bytes: number;
  readonly sha256: string;
  /** The pool id of a cross-posted image (`crossPosts` on): the same bytes as the lines of other emulators with this id. */
  readonly cross_post?: string;
}

/** Every image (or those passing `filter`) with its byte count and sha256, in upload order. Lazy. */
export function* truthEntries(origin: string, data: Dataset, filter: ImageFilter = { hasBreeds: false }): Generator<TruthEntry> {
  for (let i = 0; i < data.count; i++) {
    if (!matches(data, i, filter)) continue;
    const parts = imageParts(data, i);
    const b = data.breed[i]!;
    const post = data.crossPosts.get(data.content[i]!);
    yield {
      url: imageUrl(origin, data, i),
      image_id: data.ids[i]!,
      breed_ids: b < 0 ? [] : [BREED_TABLE[b]![0]],
      bytes: parts.length,
      sha256: imageSha256(parts),
      ...(post ? { cross_post: post.id } : {}),
    };
  }
}

/** One truth entry as a JSON line (keys in the documented order). */
export function truthLine(e: TruthEntry): string {
  return `${JSON.stringify({ url: e.url, image_id: e.image_id, breed_ids: e.breed_ids, bytes: e.bytes, sha256: e.sha256, cross_post: e.cross_post })}\n`;
}
