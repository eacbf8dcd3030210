import * as v from "valibot";

// Loose objects everywhere: attributes RescueGroups adds later pass through. Null or empty
// attributes are omitted, not sent as null, so every attribute is optional.

const integer = v.pipe(v.number(), v.integer());
/** Ids are strings; a number (some clients' fixtures) is read as its string. */
const ResourceId = v.union([v.pipe(v.string(), v.minLength(1)), v.pipe(integer, v.transform(String))]);
/** A breed id as an animal carries it (`breedPrimaryId: 186`). */
const BreedId = v.union([integer, v.pipe(v.string(), v.minLength(1))]);

/** `{ type, id }`: a resource identifier in `relationships`. */
export const ResourceIdentifierSchema = v.looseObject({ type: v.string(), id: ResourceId });

/** `meta` of a list answer. A page that matches nothing has only this. */
export const MetaSchema = v.looseObject({
  count: v.optional(integer),
  countReturned: v.optional(integer),
  pageReturned: v.optional(integer),
  limit: v.optional(integer),
  pages: v.optional(integer),
  transactionId: v.optional(v.string()),
});

/** One breed: `{ type: "breeds", id: "1", attributes: { name: "Abyssinian" } }`. */
export const BreedResourceSchema = v.looseObject({
  type: v.literal("breeds"),
  id: ResourceId,
  attributes: v.looseObject({ name: v.pipe(v.string(), v.minLength(1)) }),
});

/**
 * One size of a picture, in either shape the reference lists: an object with `url` (and
 * perhaps its size), or older clients' plain URL string.
 */
export const PictureSizeSchema = v.union([v.pipe(v.string(), v.minLength(1)), v.looseObject({ url: v.pipe(v.string(), v.minLength(1)) })]);

/** One picture in `included`: `order` 1 is the primary one; `original`, `large` (~500 px) and `small` (~100 px). */
export const PictureResourceSchema = v.looseObject({
  type: v.literal("pictures"),
  id: ResourceId,
  attributes: v.optional(
    v.looseObject({
      order: v.optional(integer),
      original: v.optional(PictureSizeSchema),
      large: v.optional(PictureSizeSchema),
      small: v.optional(PictureSizeSchema),
    }),
  ),
});

/** Any other resource in `included` (orgs, ...): kept unchecked. */
const OtherResourceSchema = v.looseObject({ type: v.pipe(v.string(), v.notValue("pictures")), id: ResourceId });

const optionalString = v.optional(v.string());

/** One animal. Every attribute is optional; pictures come through `relationships.pictures`. */
export const AnimalResourceSchema = v.looseObject({
  type: v.literal("animals"),
  id: ResourceId,
  attributes: v.optional(
    v.looseObject({
      name: optionalString,
      breedPrimary: optionalString,
      breedPrimaryId: v.optional(BreedId),
      breedSecondary: optionalString,
      breedSecondaryId: v.optional(BreedId),
      breedString: optionalString,
      isBreedMixed: v.optional(v.boolean()),
      pictureCount: v.optional(integer),
      pictureThumbnailUrl: optionalString,
      sex: optionalString,
      ageGroup: optionalString,
      sizeGroup: optionalString,
      url: optionalString,
      createdDate: optionalString,
      updatedDate: optionalString,
    }),
  ),
  relationships: v.optional(
    v.looseObject({
      pictures: v.optional(v.looseObject({ data: v.optional(v.array(ResourceIdentifierSchema)) })),
      orgs: v.optional(v.looseObject({ data: v.optional(v.array(ResourceIdentifierSchema)) })),
    }),
  ),
});

/** A page of breeds (`data` omitted when there are none). */
export const BreedsPageSchema = v.looseObject({ meta: v.optional(MetaSchema), data: v.optional(v.array(BreedResourceSchema)) });

/** A page of animals with their pictures in `included` (`data` omitted on a page that matches nothing). */
export const AnimalsPageSchema = v.looseObject({
  meta: v.optional(MetaSchema),
  data: v.optional(v.array(AnimalResourceSchema)),
  included: v.optional(v.array(v.variant("type", [PictureResourceSchema, OtherResourceSchema]))),
});

export type Meta = v.InferOutput<typeof MetaSchema>;
export type BreedResource = v.InferOutput<typeof BreedResourceSchema>;
export type PictureResource = v.InferOutput<typeof PictureResourceSchema>;
export type AnimalResource = v.InferOutput<typeof AnimalResourceSchema>;
export type AnimalAttributes = NonNullable<AnimalResource["attributes"]>;
export type BreedsPageBody = v.InferOutput<typeof BreedsPageSchema>;
export type AnimalsPageBody = v.InferOutput<typeof AnimalsPageSchema>;
