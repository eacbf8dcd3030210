import { hashInts, hashString } from "@cat-harvest/emulator-kit";
import { BREED_TABLE } from "./breed-table.js";

const TEMPERAMENTS = [
  "Active",
  "Affectionate",
  "Agile",
  "Calm",
  "Curious",
  "Demanding",
  "Dependent",
  "Easy Going",
  "Energetic",
  "Gentle",
  "Intelligent",
  "Interactive",
  "Lively",
  "Loyal",
  "Playful",
  "Quiet",
  "Social",
  "Sweet",
];

/** A breed as `GET /v1/breeds` lists it (the fields a harvest reads, with plausible values). */
export interface BreedObject {
  weight: { imperial: string; metric: string };
  id: string;
  name: string;
  temperament: string;
  origin: string;
  country_codes: string;
  country_code: string;
  description: string;
  life_span: string;
  indoor: number;
  alt_names: string;
  adaptability: number;
  affection_level: number;
  child_friendly: number;
  energy_level: number;
  grooming: number;
  intelligence: number;
  shedding_level: number;
  social_needs: number;
  hypoallergenic: number;
  wikipedia_url: string;
  reference_image_id?: string;
}

/** Breed `b` of `BREED_TABLE` as the API writes it; `referenceImageId` is left out when the breed has no image. */
export function breedObject(seed: number, b: number, referenceImageId: string | undefined): BreedObject {
  const [id, name, origin, countryCode] = BREED_TABLE[b]!;
  const h = (field: number) => hashInts(seed, 0xb7ee, b, field);
  const score = (field: number) => 1 + (h(field) % 5);
  const kg = 3 + (h(1) % 3);
  const temperament = [0, 1, 2, 3].map((k) => TEMPERAMENTS[(h(10 + k) + k * 5) % TEMPERAMENTS.length]!);
  const years = 12 + (h(2) % 4);
  const object: BreedObject = {
    weight: { imperial: `${Math.round(kg * 2.2)} - ${Math.round((kg + 2) * 2.2)}`, metric: `${kg} - ${kg + 2}` },
    id,
    name,
    temperament: [...new Set(temperament)].join(", "),
    origin,
    country_codes: countryCode,
    country_code: countryCode,
    description: `The ${name} is a ${temperament[0]!.toLowerCase()} cat from ${origin}.`,
    life_span: `${years} - ${years + 3}`,
    indoor: h(3) % 2,
    alt_names: "",
    adaptability: score(4),
    affection_level: score(5),
    child_friendly: score(6),
    energy_level: score(7),
    grooming: score(8),
    intelligence: score(9),
    shedding_level: score(20),
    social_needs: score(21),
    hypoallergenic: hashString(id, seed) % 7 === 0 ? 1 : 0,
    wikipedia_url: `https://en.wikipedia.org/wiki/${name.replace(/ /g, "_")}`,
  };
  if (referenceImageId !== undefined) object.reference_image_id = referenceImageId;
  return object;
}
