import { hashInts } from "@cat-harvest/emulator-kit";
import { CAT_BREEDS } from "./breed-table.js";
import { type Dataset, picturesOf } from "./dataset.js";
import { pictureUrl } from "./picture-urls.js";
import { PICTURE_SIZES, type PictureSize, templateSize } from "./picture-templates.js";

const NAMES = ["Luna", "Milo", "Oliver", "Bella", "Leo", "Charlie", "Cleo", "Simba", "Nala", "Willow", "Jasper", "Mochi", "Pepper", "Ziggy", "Olive", "Tiger"];
const AGE_GROUPS = ["Baby", "Young", "Adult", "Senior"];
const SIZE_GROUPS = ["Small", "Medium", "Large"];
/** 2024-01-01T00:00:00Z: the earliest listing. */
const FIRST_LISTED_MS = 1_704_067_200_000;

/** An RFC 3339 date without milliseconds, as the API writes them (`2016-05-15T01:06:33Z`). */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Cat `i`'s attributes as the API sends them: absent ones omitted, never null. */
export function animalAttributes(origin: string, data: Dataset, i: number): Record<string, unknown> {
  const h = (field: number) => hashInts(data.seed, 0xa1, i, field);
  const id = data.animalIds[i]!;
  const primary = CAT_BREEDS[data.primary[i]!]!;
  const secondaryIndex = data.secondary[i]!;
  const secondary = secondaryIndex < 0 ? undefined : CAT_BREEDS[secondaryIndex]!;
  const pictures = picturesOf(data, i);
  const coat = ["short", "medium", "long"][h(3) % 3];
  const created = FIRST_LISTED_MS + (h(4) % (700 * 86_400)) * 1000;
  return {
    name: NAMES[h(1) % NAMES.length],
    breedPrimary: primary.name,
    breedPrimaryId: Number(primary.id),
    ...(secondary ? { breedSecondary: secondary.name, breedSecondaryId: Number(secondary.id) } : {}),
    breedString: secondary ? `${primary.name} / ${secondary.name} (${coat} coat)` : `${primary.name} (${coat} coat)`,
    isBreedMixed: secondary !== undefined,
    pictureCount: pictures.length,
    ...(pictures.length > 0 ? { pictureThumbnailUrl: pictureUrl(origin, data, pictures[0]!, "small") } : {}),
    sex: h(2) % 2 === 0 ? "Female" : "Male",
    ageGroup: AGE_GROUPS[h(5) % AGE_GROUPS.length],
    sizeGroup: SIZE_GROUPS[h(6) % SIZE_GROUPS.length],
    url: `https://www.rescuegroups.org/animals/detail?AnimalID=${id}`,
    createdDate: rfc3339(created),
    updatedDate: rfc3339(created + (h(7) % (30 * 86_400)) * 1000),
  };
}

/** Cat `i` as a JSON:API resource: its pictures and org through `relationships`. */
export function animalResource(origin: string, data: Dataset, i: number): Record<string, unknown> {
  return {
    type: "animals",
    id: String(data.animalIds[i]),
    attributes: animalAttributes(origin, data, i),
    relationships: {
      ...(data.pictureStart[i + 1]! > data.pictureStart[i]!
        ? { pictures: { data: picturesOf(data, i).map((p) => ({ type: "pictures", id: String(data.pictureIds[p]) })) } }
        : {}),
      orgs: { data: [{ type: "orgs", id: String(data.orgIds[i]) }] },
    },
  };
}

/** One size of a picture in the cat's shape: `{ url, resolutionX, resolutionY }`, or the URL alone (older answers). */
function sizeValue(origin: string, data: Dataset, p: number, size: PictureSize): unknown {
  const url = pictureUrl(origin, data, p, size);
  if (data.stringShape[data.pictureAnimal[p]!] === 1) return url;
  const [resolutionX, resolutionY] = templateSize(data.template[p]!, size);
  return { url, resolutionX, resolutionY };
}

/** Picture `p` as a resource for `included`. */
export function pictureResource(origin: string, data: Dataset, p: number): Record<string, unknown> {
  const i = data.pictureAnimal[p]!;
  const attributes: Record<string, unknown> = { order: p - data.pictureStart[i]! + 1 };
  for (const size of PICTURE_SIZES) attributes[size] = sizeValue(origin, data, p, size);
  return { type: "pictures", id: String(data.pictureIds[p]), attributes };
}
