import * as v from "valibot";

// Loose objects everywhere: fields Petfinder adds later pass through untouched instead of
// failing every caller. Fields that old recordings lacked (2019) are optional.

const nullableString = v.nullable(v.string());
const nullableBoolean = v.nullable(v.boolean());
const integer = v.pipe(v.number(), v.integer());

/** `{ href }`: a relative API link such as `/v2/animals/123`. */
export const LinkSchema = v.looseObject({ href: v.string() });

/** One photo: the same picture in up to four sizes (absolute URLs). */
export const PhotoSchema = v.looseObject({
  small: v.optional(v.string()),
  medium: v.optional(v.string()),
  large: v.optional(v.string()),
  full: v.optional(v.string()),
});

/** A postal address as animals' contacts and organizations carry it. */
export const AddressSchema = v.looseObject({
  address1: v.optional(nullableString),
  address2: v.optional(nullableString),
  city: v.optional(nullableString),
  state: v.optional(nullableString),
  postcode: v.optional(nullableString),
  country: v.optional(nullableString),
});

/** An adoptable animal, as `/v2/animals` and `/v2/animals/{id}` return it. */
export const AnimalSchema = v.looseObject({
  id: integer,
  organization_id: v.string(),
  url: v.string(),
  type: v.string(),
  species: v.optional(nullableString),
  breeds: v.looseObject({
    primary: nullableString,
    secondary: nullableString,
    mixed: v.boolean(),
    unknown: v.optional(v.boolean()),
  }),
  colors: v.looseObject({
    primary: v.optional(nullableString),
    secondary: v.optional(nullableString),
    tertiary: v.optional(nullableString),
  }),
  age: nullableString,
  gender: nullableString,
  size: nullableString,
  coat: v.optional(nullableString),
  attributes: v.looseObject({
    spayed_neutered: v.optional(nullableBoolean),
    house_trained: v.optional(nullableBoolean),
    declawed: v.optional(nullableBoolean),
    special_needs: v.optional(nullableBoolean),
    shots_current: v.optional(nullableBoolean),
  }),
  environment: v.looseObject({
    children: v.optional(nullableBoolean),
    dogs: v.optional(nullableBoolean),
    cats: v.optional(nullableBoolean),
  }),
  tags: v.array(v.string()),
  name: v.string(),
  description: v.optional(nullableString),
  organization_animal_id: v.optional(nullableString),
  photos: v.array(PhotoSchema),
  primary_photo_cropped: v.optional(v.nullable(PhotoSchema)),
  videos: v.optional(v.array(v.looseObject({ embed: v.string() }))),
  status: v.string(),
  status_changed_at: v.optional(nullableString),
  published_at: v.optional(nullableString),
  distance: v.optional(v.nullable(v.number())),
  contact: v.looseObject({
    email: v.optional(nullableString),
    phone: v.optional(nullableString),
    address: v.optional(AddressSchema),
  }),
  _links: v.optional(
    v.looseObject({
      self: v.optional(LinkSchema),
      type: v.optional(LinkSchema),
      organization: v.optional(LinkSchema),
    }),
  ),
});

/** A shelter or rescue, as `/v2/organizations` and `/v2/organizations/{id}` return it. */
export const OrganizationSchema = v.looseObject({
  id: v.string(),
  name: v.string(),
  email: v.optional(nullableString),
  phone: v.optional(nullableString),
  address: AddressSchema,
  hours: v.optional(v.record(v.string(), nullableString)),
  url: v.string(),
  website: v.optional(nullableString),
  mission_statement: v.optional(nullableString),
  adoption: v.optional(v.looseObject({ policy: v.optional(nullableString), url: v.optional(nullableString) })),
  social_media: v.optional(v.record(v.string(), nullableString)),
  photos: v.array(PhotoSchema),
  distance: v.optional(v.nullable(v.number())),
  _links: v.optional(v.looseObject({ self: v.optional(LinkSchema), animals: v.optional(LinkSchema) })),
});

/** Page bookkeeping of a search. `_links` may be `{}` or (PHP-style) `[]` on a single page. */
export const PaginationSchema = v.looseObject({
  count_per_page: integer,
  total_count: integer,
  current_page: integer,
  total_pages: integer,
  _links: v.optional(v.union([v.looseObject({ previous: v.optional(LinkSchema), next: v.optional(LinkSchema) }), v.array(v.unknown())])),
});

/** An animal type (Cat, Dog, ...) with the coats, colors and genders its animals may have. */
export const AnimalTypeSchema = v.looseObject({
  name: v.string(),
  coats: v.array(v.string()),
  colors: v.array(v.string()),
  genders: v.array(v.string()),
  _links: v.optional(v.looseObject({ self: v.optional(LinkSchema), breeds: v.optional(LinkSchema) })),
});

/** A breed name of one type. */
export const BreedSchema = v.looseObject({
  name: v.string(),
  _links: v.optional(v.looseObject({ type: v.optional(LinkSchema) })),
});

/** `GET /v2/animals`. */
export const AnimalsPageSchema = v.looseObject({ animals: v.array(AnimalSchema), pagination: PaginationSchema });
/** `GET /v2/animals/{id}`. */
export const AnimalResponseSchema = v.looseObject({ animal: AnimalSchema });
/** `GET /v2/organizations`. */
export const OrganizationsPageSchema = v.looseObject({
  organizations: v.array(OrganizationSchema),
  pagination: PaginationSchema,
});
/** `GET /v2/organizations/{id}`. */
export const OrganizationResponseSchema = v.looseObject({ organization: OrganizationSchema });
/** `GET /v2/types`. */
export const TypesResponseSchema = v.looseObject({ types: v.array(AnimalTypeSchema) });
/** `GET /v2/types/{type}`. */
export const TypeResponseSchema = v.looseObject({ type: AnimalTypeSchema });
/** `GET /v2/types/{type}/breeds`. */
export const BreedsResponseSchema = v.looseObject({ breeds: v.array(BreedSchema) });
/** `POST /v2/oauth2/token`. */
export const TokenResponseSchema = v.looseObject({
  token_type: v.string(),
  expires_in: v.pipe(v.number(), v.minValue(0)),
  access_token: v.pipe(v.string(), v.minLength(1)),
});

export type Photo = v.InferOutput<typeof PhotoSchema>;
export type Address = v.InferOutput<typeof AddressSchema>;
export type Animal = v.InferOutput<typeof AnimalSchema>;
export type Organization = v.InferOutput<typeof OrganizationSchema>;
export type Pagination = v.InferOutput<typeof PaginationSchema>;
export type AnimalType = v.InferOutput<typeof AnimalTypeSchema>;
export type Breed = v.InferOutput<typeof BreedSchema>;
export type AnimalsPage = v.InferOutput<typeof AnimalsPageSchema>;
export type OrganizationsPage = v.InferOutput<typeof OrganizationsPageSchema>;
export type TokenResponse = v.InferOutput<typeof TokenResponseSchema>;
