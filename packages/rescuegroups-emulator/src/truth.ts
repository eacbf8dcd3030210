import { imageSha256, type Reply } from "@cat-harvest/emulator-kit";
import { CAT_BREEDS } from "./breed-table.js";
import type { Dataset } from "./dataset.js";
import { errorReply } from "./documents.js";
import { crossPostAt } from "./cross-posts.js";
import { pictureParts } from "./picture-content.js";
import { PICTURE_SIZES, type PictureSize } from "./picture-templates.js";
import { pictureUrl } from "./picture-urls.js";

/** One picture URL the emulator serves, with what it serves there. */
export interface TruthEntry {
  readonly url: string;
  readonly animal_id: string;
  /** The picture's `order` (1 is the primary picture). */
  readonly order: number;
  /** The cat's primary breed name, then its secondary one when it has one. */
  readonly breeds: readonly string[];
  /** `original`, `large` (`?width=500`) or `small` (`?width=100`). */
  readonly size: PictureSize;
  readonly bytes: number;
  readonly sha256: string;
  /** The pool id of a cross-posted picture (`crossPosts` on; its `original` size only): the same bytes as the lines of other emulators with this id. */
  readonly cross_post?: string;
}

/** Which lines the truth holds: one primary breed (by id) and one size, or all. */
export interface TruthFilter {
  readonly breedPrimaryId?: string;
  readonly size?: PictureSize;
}

/** The filter a truth query asks for (`?breedPrimaryId=35&size=large`), or a 400 for a size or breed it does not know. */
export function parseTruthFilter(search: URLSearchParams): TruthFilter | Reply {
  const size = search.get("size");
  const breed = search.get("breedPrimaryId");
  if (size !== null && !(PICTURE_SIZES as readonly string[]).includes(size)) {
    return errorReply(400, "Bad Request", `size must be one of ${PICTURE_SIZES.join(", ")}; got "${size}".`, { source: { parameter: "size" } });
  }
  if (breed !== null && !CAT_BREEDS.some((b) => b.id === breed)) {
    return errorReply(400, "Bad Request", `breedPrimaryId "${breed}" is not a cat breed id.`, { source: { parameter: "breedPrimaryId" } });
  }
  return { ...(breed === null ? {} : { breedPrimaryId: breed }), ...(size === null ? {} : { size: size as PictureSize }) };
}

/** Every picture URL (or those passing `filter`), cat by cat, picture by picture, size by size. Lazy. */
export function* truthEntries(origin: string, data: Dataset, filter: TruthFilter = {}): Generator<TruthEntry> {
  const sizes = filter.size === undefined ? PICTURE_SIZES : [filter.size];
  for (let i = 0; i < data.count; i++) {
    const primary = CAT_BREEDS[data.primary[i]!]!;
    if (filter.breedPrimaryId !== undefined && primary.id !== filter.breedPrimaryId) continue;
    const secondary = data.secondary[i]!;
    const breeds = secondary < 0 ? [primary.name] : [primary.name, CAT_BREEDS[secondary]!.name];
    for (let p = data.pictureStart[i]!; p < data.pictureStart[i + 1]!; p++) {
      for (const size of sizes) {
        const parts = pictureParts(data, p, size);
        const post = crossPostAt(data, p, size);
        yield {
          url: pictureUrl(origin, data, p, size),
          animal_id: String(data.animalIds[i]),
          order: p - data.pictureStart[i]! + 1,
          breeds,
          size,
          bytes: parts.length,
          sha256: imageSha256(parts),
          ...(post ? { cross_post: post.id } : {}),
        };
      }
    }
  }
}

/** One truth entry as a JSON line. */
export function truthLine(e: TruthEntry): string {
  return `${JSON.stringify({ url: e.url, animal_id: e.animal_id, order: e.order, breeds: e.breeds, size: e.size, bytes: e.bytes, sha256: e.sha256, cross_post: e.cross_post })}\n`;
}
