// The records a RescueGroups v5 test server holds, and how it renders them as JSON:API.

/** A breed as the server lists it. */
export interface TestBreed {
  readonly id: string;
  readonly name: string;
}

/** A picture of a test animal: its sizes' URLs. */
export interface TestPicture {
  readonly id: string;
  readonly order?: number;
  readonly original?: string;
  readonly large?: string;
  readonly small?: string;
  /** How this picture's sizes are written: `{ url }` objects (recent) or plain strings (older). */
  readonly shape?: "object" | "string";
}

/** An adoptable cat the server holds. */
export interface TestAnimal {
  readonly id: string;
  readonly name: string;
  readonly breedPrimary?: string;
  readonly breedPrimaryId?: number;
  readonly breedSecondary?: string;
  readonly breedSecondaryId?: number;
  readonly sex?: string;
  readonly pictures: readonly TestPicture[];
}

/** A few cat breeds with made-up ids (the reference gives only `1` Abyssinian). */
export const TEST_BREEDS: readonly TestBreed[] = [
  { id: "1", name: "Abyssinian" },
  { id: "35", name: "Bengal" },
  { id: "60", name: "Domestic Short Hair" },
  { id: "119", name: "Maine Coon" },
  { id: "199", name: "Siamese" },
  { id: "224", name: "Tabby" },
  { id: "230", name: "Tuxedo" },
];

/** A picture on the CDN's path scheme, in all three sizes. */
export function testPicture(animalId: string, pictureId: string, order: number, shape: "object" | "string" = "object"): TestPicture {
  const original = `https://cdn.rescuegroups.org/105/pictures/animals/${animalId.slice(0, 5)}/${animalId}/${pictureId}.jpg`;
  return { id: pictureId, order, original, large: `${original}?width=500`, small: `${original}?width=100`, shape };
}

/** `count` cats of one breed, ids from `firstId`, each with `pictures` pictures. */
export function testCats(breed: TestBreed, count: number, firstId: number, pictures = 2): TestAnimal[] {
  return Array.from({ length: count }, (_, i) => {
    const id = String(firstId + i);
    return {
      id,
      name: `Cat ${id}`,
      breedPrimary: breed.name,
      breedPrimaryId: Number(breed.id),
      sex: i % 2 === 0 ? "Female" : "Male",
      pictures: Array.from({ length: pictures }, (_, p) => testPicture(id, `${id}${p + 1}`, p + 1)),
    };
  });
}

function size(url: string | undefined, shape: "object" | "string"): unknown {
  if (url === undefined) return undefined;
  return shape === "string" ? url : { url, resolutionX: 500 };
}

/** The animal resource: attributes (absent ones omitted, never null) and its picture relationships. */
export function animalResource(animal: TestAnimal): Record<string, unknown> {
  const { id, pictures, ...attributes } = animal;
  return {
    type: "animals",
    id,
    attributes: { ...attributes, pictureCount: pictures.length, url: `https://www.rescuegroups.org/animals/${id}` },
    relationships: {
      pictures: { data: pictures.map((p) => ({ type: "pictures", id: p.id })) },
      orgs: { data: [{ type: "orgs", id: "105" }] },
    },
  };
}

/** The picture resource for `included`, in the picture's own shape (or the server's default). */
export function pictureResource(picture: TestPicture, defaultShape: "object" | "string"): Record<string, unknown> {
  const shape = picture.shape ?? defaultShape;
  return {
    type: "pictures",
    id: picture.id,
    attributes: { order: picture.order, original: size(picture.original, shape), large: size(picture.large, shape), small: size(picture.small, shape) },
  };
}

/** A list answer: `meta` always, `data` and `included` only when the page holds something. */
export function listDocument(records: readonly unknown[], included: readonly unknown[], page: number, limit: number, count: number): Record<string, unknown> {
  const meta = { count, countReturned: records.length, pageReturned: page, limit, pages: Math.ceil(count / limit), transactionId: `t${page}` };
  if (records.length === 0) return { meta };
  return included.length === 0 ? { meta, data: records } : { meta, data: records, included };
}

/** A JSON:API error document. */
export function errorDocument(status: number, title: string, detail: string, source?: { pointer?: string; parameter?: string }): Record<string, unknown> {
  return { errors: [{ status: String(status), title, detail, ...(source ? { source } : {}) }] };
}
