import type { AnimalAttributes, AnimalResource, AnimalsPageBody, PictureResource } from "./schemas.js";

/** One picture of an animal, its sizes as URLs whichever shape the answer used. */
export interface RescueGroupsPicture {
  readonly id: string;
  /** 1 for the primary picture; `undefined` when the answer gave none. */
  readonly order: number | undefined;
  /** As uploaded. */
  readonly original: string | undefined;
  /** About 500 px wide. */
  readonly large: string | undefined;
  /** About 100 px wide. */
  readonly small: string | undefined;
}

/** An animal with its pictures joined in from `included`, in picture order. */
export interface RescueGroupsAnimal {
  readonly id: string;
  /** The attributes as the API sent them (every one optional). */
  readonly attributes: AnimalAttributes;
  readonly pictures: readonly RescueGroupsPicture[];
}

type PictureSize = NonNullable<NonNullable<PictureResource["attributes"]>["large"]>;

/** A size's URL: recent answers send `{ url }`, older ones the URL itself. */
function sizeUrl(size: PictureSize | undefined): string | undefined {
  return typeof size === "string" ? size : size?.url;
}

function pictureOf({ id, attributes }: PictureResource): RescueGroupsPicture {
  return { id, order: attributes?.order, original: sizeUrl(attributes?.original), large: sizeUrl(attributes?.large), small: sizeUrl(attributes?.small) };
}

/** Pictures with an `order` first, by it; the rest after them, as the relationship lists them. */
function byOrder(a: RescueGroupsPicture, b: RescueGroupsPicture): number {
  return (a.order ?? Infinity) - (b.order ?? Infinity) || 0;
}

/**
 * JSON:API keeps an animal's pictures in the answer's `included`, named by
 * `relationships.pictures.data`; this puts them on the animal. A picture the relationship
 * names but `included` lacks is left out.
 */
export function joinPictures(body: AnimalsPageBody): RescueGroupsAnimal[] {
  const pictures = new Map<string, RescueGroupsPicture>();
  for (const item of body.included ?? []) if (item.type === "pictures") pictures.set(item.id, pictureOf(item as PictureResource));
  return (body.data ?? []).map((animal: AnimalResource) => {
    const refs = animal.relationships?.pictures?.data ?? [];
    const own = refs.flatMap((ref) => (ref.type === "pictures" && pictures.has(ref.id) ? [pictures.get(ref.id)!] : []));
    return { id: animal.id, attributes: animal.attributes ?? {}, pictures: own.sort(byOrder) };
  });
}
