import * as v from "valibot";

/** A breed, as `GET /breeds` lists it and images carry it. Fields the client does not name pass through. */
export const BreedSchema = v.looseObject({
  id: v.string(),
  name: v.string(),
  origin: v.optional(v.string()),
  temperament: v.optional(v.string()),
  description: v.optional(v.string()),
  country_code: v.optional(v.string()),
  wikipedia_url: v.optional(v.string()),
  reference_image_id: v.optional(v.string()),
});
export type Breed = v.InferOutput<typeof BreedSchema>;

/** An image, as search and `GET /images/{id}` return it; `breeds` is empty without a key or a label. */
export const ImageSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1)),
  url: v.pipe(v.string(), v.url()),
  width: v.optional(v.nullable(v.number())),
  height: v.optional(v.nullable(v.number())),
  breeds: v.optional(v.array(BreedSchema), []),
});
export type Image = v.InferOutput<typeof ImageSchema>;

export const BreedsSchema = v.array(BreedSchema);
export const ImagesSchema = v.array(ImageSchema);
