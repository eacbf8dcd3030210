import { breedKey, RESCUEGROUPS_CAT_BREEDS } from "@cat-harvest/photos";

/** A breed as `/public/animals/breeds` lists it, with its species and, for cats, how common it is. */
export interface BreedRow {
  readonly id: string;
  readonly name: string;
  readonly species: "cats" | "dogs" | "rabbits";
  /** Relative share of the adoptable cats with this primary breed (0 for other species). */
  readonly weight: number;
}

/**
 * Image counts per breed of the 2018 harvest (reference/seed-breed-image-counts.csv), the
 * proportions the cats follow. Breeds missing from it get `RARE_WEIGHT`.
 */
const CAT_WEIGHTS: Readonly<Record<string, number>> = {
  "Domestic Short Hair": 9658,
  "Domestic Medium Hair": 3631,
  Tabby: 3630,
  "Domestic Long Hair": 3441,
  "American Shorthair": 2935,
  Calico: 2911,
  Siamese: 2867,
  Tortoiseshell: 2804,
  Tuxedo: 2538,
  "Maine Coon": 1930,
  "Russian Blue": 1438,
  Tiger: 1354,
  Torbie: 1259,
  "Dilute Calico": 1211,
  "Dilute Tortoiseshell": 1142,
  Bombay: 1135,
  Manx: 687,
  Bengal: 636,
  "Extra-Toes Cat (Hemingway Polydactyl)": 494,
  "Turkish Van": 470,
  Persian: 407,
  Snowshoe: 383,
  Abyssinian: 324,
  Ragdoll: 243,
  "Oriental Short Hair": 224,
  Himalayan: 186,
  "Turkish Angora": 181,
  "British Shorthair": 146,
  "Egyptian Mau": 133,
  "American Curl": 46,
  Balinese: 40,
  Nebelung: 40,
  "Oriental Tabby": 39,
  Birman: 36,
  "Selkirk Rex": 26,
  Ocicat: 23,
  "Scottish Fold": 23,
  Tonkinese: 22,
  Siberian: 20,
  Chausie: 19,
  Munchkin: 17,
  Chartreux: 14,
  "Japanese Bobtail": 14,
  "Applehead Siamese": 12,
  Ragamuffin: 11,
  "Cornish Rex": 9,
  "Devon Rex": 9,
  Cymric: 8,
  "American Wirehair": 7,
  Korat: 7,
  LaPerm: 6,
  Somali: 6,
  Javanese: 6,
  Burmilla: 5,
  Chinchilla: 5,
  "Oriental Long Hair": 4,
  Singapura: 3,
  "Sphynx (hairless cat)": 3,
};
const RARE_WEIGHT = 3;

/** A few breeds of other species, so the all-species list and the species searches differ as on the real API. */
const OTHER_BREEDS: readonly (readonly [name: string, species: "dogs" | "rabbits"])[] = [
  ["Australian Shepherd", "dogs"],
  ["Beagle", "dogs"],
  ["Border Collie", "dogs"],
  ["Boxer", "dogs"],
  ["Chihuahua", "dogs"],
  ["Dachshund", "dogs"],
  ["German Shepherd Dog", "dogs"],
  ["Labrador Retriever", "dogs"],
  ["Pit Bull Terrier", "dogs"],
  ["Rat Terrier", "dogs"],
  ["Lionhead", "rabbits"],
  ["Netherland Dwarf", "rabbits"],
];

/**
 * Every breed of every species, in name order, numbered from 1 as the real list is (its only
 * published id, `"1"` Abyssinian, comes out the same). Cat names are `RESCUEGROUPS_CAT_BREEDS`'
 * from `@cat-harvest/photos`, so the emulator, the client and `canonicalBreed` agree.
 */
export const BREEDS: readonly BreedRow[] = [
  ...RESCUEGROUPS_CAT_BREEDS.map(({ name }) => ({ name, species: "cats" as const, weight: CAT_WEIGHTS[name] ?? RARE_WEIGHT })),
  ...OTHER_BREEDS.map(([name, species]) => ({ name, species, weight: 0 })),
]
  .sort((a, b) => breedKey(a.name).localeCompare(breedKey(b.name)))
  .map((row, i) => ({ id: String(i + 1), ...row }));

/** The cat breeds, in name order: the breeds the cats are drawn from. */
export const CAT_BREEDS: readonly BreedRow[] = BREEDS.filter((b) => b.species === "cats");

/** The species the API knows; a search of any other is a 404. */
export const SPECIES: readonly string[] = ["cats", "dogs", "rabbits"];
