/**
 * The fixed vocabulary of the Petfinder v2 API: the eight animal types with their coats,
 * colors and genders, and a breed list per type (reference section 6).
 */

/** One animal type as `/v2/types` lists it. */
export interface AnimalTypeInfo {
  /** Display name, e.g. "Small & Furry". */
  readonly name: string;
  /** URL slug, e.g. "small-furry". */
  readonly slug: string;
  readonly coats: readonly string[];
  readonly colors: readonly string[];
  readonly genders: readonly string[];
  /** Breed names in API (alphabetical) order. */
  readonly breeds: readonly string[];
  /** Relative weight of each breed (same order as `breeds`) as a primary breed. */
  readonly breedWeights: readonly number[];
  /** Adoptable animals of this type at scale 1. */
  readonly population: number;
}

const MF = ["Male", "Female"] as const;
const MFU = ["Male", "Female", "Unknown"] as const;

/**
 * Cat breeds with their weights: the image counts of the 2018 pipeline
 * (reference/seed-breed-image-counts.csv). Its v1 names "Bobtail" and "Pixie-Bob" map to
 * "American Bobtail" and "Pixiebob"; breeds missing from the CSV get a small weight.
 */
const CAT_BREEDS: ReadonlyArray<readonly [string, number]> = [
  ["Abyssinian", 324],
  ["American Bobtail", 338],
  ["American Curl", 46],
  ["American Shorthair", 2935],
  ["American Wirehair", 7],
  ["Applehead Siamese", 12],
  ["Balinese", 40],
  ["Bengal", 636],
  ["Birman", 36],
  ["Bombay", 1135],
  ["British Shorthair", 146],
  ["Burmese", 9],
  ["Burmilla", 5],
  ["Calico", 2911],
  ["Canadian Hairless", 3],
  ["Chartreux", 14],
  ["Chausie", 19],
  ["Chinchilla", 5],
  ["Cornish Rex", 9],
  ["Cymric", 8],
  ["Devon Rex", 9],
  ["Dilute Calico", 1211],
  ["Dilute Tortoiseshell", 1142],
  ["Domestic Long Hair", 3441],
  ["Domestic Medium Hair", 3631],
  ["Domestic Short Hair", 9658],
  ["Egyptian Mau", 133],
  ["Exotic Shorthair", 12],
  ["Extra-Toes Cat / Hemingway Polydactyl", 494],
  ["Havana", 3],
  ["Himalayan", 186],
  ["Japanese Bobtail", 14],
  ["Javanese", 6],
  ["Korat", 7],
  ["LaPerm", 6],
  ["Maine Coon", 1930],
  ["Manx", 687],
  ["Munchkin", 17],
  ["Nebelung", 40],
  ["Norwegian Forest Cat", 30],
  ["Ocicat", 23],
  ["Oriental Long Hair", 4],
  ["Oriental Short Hair", 224],
  ["Oriental Tabby", 39],
  ["Persian", 407],
  ["Pixiebob", 14],
  ["Ragamuffin", 11],
  ["Ragdoll", 243],
  ["Russian Blue", 1438],
  ["Scottish Fold", 23],
  ["Selkirk Rex", 26],
  ["Siamese", 2867],
  ["Siberian", 20],
  ["Silver", 4],
  ["Singapura", 3],
  ["Snowshoe", 383],
  ["Somali", 6],
  ["Sphynx / Hairless Cat", 1],
  ["Tabby", 3630],
  ["Tiger", 1354],
  ["Tonkinese", 22],
  ["Torbie", 1259],
  ["Tortoiseshell", 2804],
  ["Toyger", 2],
  ["Turkish Angora", 181],
  ["Turkish Van", 470],
  ["Tuxedo", 2538],
  ["York Chocolate", 2],
];

const DOG_BREEDS: ReadonlyArray<readonly [string, number]> = [
  ["Affenpinscher", 2], ["Akita", 20], ["Alaskan Malamute", 15], ["American Bulldog", 60],
  ["American Staffordshire Terrier", 120], ["Australian Cattle Dog / Blue Heeler", 90],
  ["Australian Shepherd", 70], ["Basenji", 5], ["Basset Hound", 25], ["Beagle", 110],
  ["Bernese Mountain Dog", 6], ["Bichon Frise", 15], ["Black Labrador Retriever", 40],
  ["Black Mouth Cur", 45], ["Bloodhound", 10], ["Border Collie", 55], ["Boston Terrier", 20],
  ["Boxer", 75], ["Bulldog", 12], ["Bull Terrier", 12], ["Cairn Terrier", 8],
  ["Catahoula Leopard Dog", 25], ["Cattle Dog", 30], ["Cavalier King Charles Spaniel", 8],
  ["Chihuahua", 210], ["Chow Chow", 15], ["Cocker Spaniel", 25], ["Collie", 10],
  ["Coonhound", 35], ["Corgi", 15], ["Dachshund", 70], ["Dalmatian", 8], ["Doberman Pinscher", 25],
  ["English Bulldog", 8], ["German Shepherd Dog", 160], ["Golden Retriever", 20],
  ["Great Dane", 15], ["Great Pyrenees", 35], ["Greyhound", 15], ["Hound", 70], ["Husky", 80],
  ["Jack Russell Terrier", 40], ["Labrador Retriever", 260], ["Maltese", 25],
  ["Mastiff", 30], ["Miniature Pinscher", 25], ["Miniature Poodle", 15], ["Mixed Breed", 150],
  ["Pit Bull Terrier", 300], ["Pointer", 25], ["Pomeranian", 20], ["Poodle", 20], ["Pug", 12],
  ["Rat Terrier", 30], ["Retriever", 30], ["Rottweiler", 40], ["Schnauzer", 15],
  ["Shepherd", 90], ["Shiba Inu", 6], ["Shih Tzu", 45], ["Siberian Husky", 50],
  ["Staffordshire Bull Terrier", 40], ["Terrier", 90], ["Yorkshire Terrier", 25],
];

function simple(names: readonly string[]): ReadonlyArray<readonly [string, number]> {
  return names.map((n, i) => [n, 1 + ((i * 7) % 5)] as const);
}

function type(
  name: string,
  slug: string,
  coats: readonly string[],
  genders: readonly string[],
  colors: readonly string[],
  breeds: ReadonlyArray<readonly [string, number]>,
  population: number,
): AnimalTypeInfo {
  const sorted = [...breeds].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    name,
    slug,
    coats,
    genders,
    colors,
    breeds: sorted.map((b) => b[0]),
    breedWeights: sorted.map((b) => b[1]),
    population,
  };
}

/** The eight types in API order. Cats dominate the volume; the others keep searches realistic. */
export const ANIMAL_TYPES: readonly AnimalTypeInfo[] = [
  type("Dog", "dog", ["Hairless", "Short", "Medium", "Long", "Wire", "Curly"], MF, [
    "Apricot / Beige", "Bicolor", "Black", "Brindle", "Brown / Chocolate", "Golden",
    "Gray / Blue / Silver", "Harlequin", "Merle (Blue)", "Merle (Red)", "Red / Chestnut / Orange",
    "Sable", "Tricolor (Brown, Black, & White)", "White / Cream", "Yellow / Tan / Blond / Fawn",
  ], DOG_BREEDS, 6000),
  type("Cat", "cat", ["Hairless", "Short", "Medium", "Long"], MF, [
    "Black", "Black & White / Tuxedo", "Blue Cream", "Blue Point", "Brown / Chocolate",
    "Buff & White", "Buff / Tan / Fawn", "Calico", "Chocolate Point", "Cream / Ivory", "Cream Point",
    "Dilute Calico", "Dilute Tortoiseshell", "Flame Point", "Gray & White", "Gray / Blue / Silver",
    "Lilac Point", "Orange & White", "Orange / Red", "Seal Point", "Smoke", "Tabby (Brown / Chocolate)",
    "Tabby (Buff / Tan / Fawn)", "Tabby (Gray / Blue / Silver)", "Tabby (Leopard / Spotted)",
    "Tabby (Orange / Red)", "Tabby (Tiger Striped)", "Torbie", "Tortoiseshell", "White",
  ], CAT_BREEDS, 54000),
  type("Rabbit", "rabbit", ["Short", "Long"], MF, [
    "Agouti", "Black", "Blue / Gray", "Brown / Chocolate", "Cream", "Lilac", "Orange / Red", "Sable",
    "Silver Marten", "Tan", "Tortoiseshell", "White",
  ], simple([
    "American", "American Fuzzy Lop", "Angora Rabbit", "Belgian Hare", "Bunny Rabbit", "Californian",
    "Checkered Giant", "Dutch", "English Lop", "English Spot", "Flemish Giant", "Florida White",
    "Harlequin", "Havana", "Himalayan", "Holland Lop", "Jersey Wooly", "Lionhead", "Mini Lop",
    "Mini Rex", "Netherland Dwarf", "New Zealand", "Polish", "Rex", "Satin",
  ]), 500),
  type("Small & Furry", "small-furry", ["Hairless", "Short", "Long"], MF, [
    "Agouti", "Albino", "Black", "Black Sable", "Blue / Gray", "Brown / Chocolate", "Calico",
    "Champagne", "Cinnamon", "Cream", "Orange / Red", "Sable", "Tan", "Tortoiseshell", "White",
    "White (Dark-Eyed)",
  ], simple([
    "Abyssinian", "Chinchilla", "Degu", "Dwarf Hamster", "Ferret", "Gerbil", "Guinea Pig", "Hamster",
    "Hedgehog", "Mouse", "Peruvian", "Prairie Dog", "Rat", "Rex", "Short-Haired", "Silkie / Sheltie",
    "Skunk", "Sugar Glider", "Teddy",
  ]), 300),
  type("Horse", "horse", [], MF, [
    "Appaloosa", "Bay", "Bay Roan", "Black", "Blue Roan", "Brown", "Buckskin", "Champagne",
    "Chestnut / Sorrel", "Cremello", "Dapple Gray", "Dun", "Gray", "Grullo", "Liver", "Paint",
    "Palomino", "Perlino", "Piebald", "Pinto", "Red Roan", "Silver Bay", "Silver Buckskin",
    "Silver Dapple", "White",
  ], simple([
    "Appaloosa", "Arabian", "Belgian", "Clydesdale", "Donkey", "Draft", "Gaited", "Grade", "Miniature Horse",
    "Morgan", "Mule", "Mustang", "Paint / Pinto", "Percheron", "Pony", "Quarterhorse", "Saddlebred",
    "Shetland Pony", "Standardbred", "Tennessee Walker", "Thoroughbred", "Warmblood",
  ]), 120),
  type("Bird", "bird", [], MFU, [
    "Black", "Blue", "Brown", "Buff", "Gray", "Green", "Olive", "Orange", "Pink", "Purple / Violet",
    "Red", "Rust / Rufous", "Tan", "White", "Yellow",
  ], simple([
    "African Grey", "Amazon", "Budgie / Budgerigar", "Canary", "Caique", "Chicken", "Cockatiel",
    "Cockatoo", "Conure", "Dove", "Duck", "Finch", "Goose", "Lovebird", "Macaw", "Parakeet (Other)",
    "Parrot (Other)", "Parrotlet", "Pigeon", "Quaker Parakeet", "Ringneck (Psittacula)", "Turkey",
  ]), 150),
  type("Scales, Fins & Other", "scales-fins-other", [], MFU, [
    "Black", "Blue", "Brown", "Gray", "Green", "Iridescent", "Orange", "Purple", "Red", "Tan",
    "White", "Yellow",
  ], simple([
    "Ball Python", "Bearded Dragon", "Boa", "Box Turtle", "Corn Snake", "Fish", "Frog", "Gecko",
    "Hermit Crab", "Iguana", "King Snake", "Leopard Gecko", "Lizard", "Python", "Red-Eared Slider",
    "Snake", "Tarantula", "Tortoise", "Turtle",
  ]), 80),
  type("Barnyard", "barnyard", ["Short", "Long"], MF, [
    "Agouti", "Black", "Black & White", "Brindle", "Brown", "Gray", "Pink", "Red", "Roan", "Spotted",
    "Tan", "White",
  ], simple([
    "Alpaca", "Cow", "Goat", "Llama", "Nigerian Dwarf", "Pig", "Pot Bellied", "Pygmy", "Sheep",
    "Vietnamese Pot Bellied",
  ]), 80),
];

/** The cat type's index in ANIMAL_TYPES. */
export const CAT_TYPE_INDEX = 1;

/** Finds a type by slug or display name, case-insensitively. */
export function findAnimalType(value: string): number {
  const v = value.trim().toLowerCase();
  return ANIMAL_TYPES.findIndex((t) => t.slug === v || t.name.toLowerCase() === v);
}
