import { breedFolderName } from "./breed-folder-name.js";
import { BREED_SOURCES, type BreedSource, type SourceBreed } from "./breed-source.js";
import { isColorBreed } from "./color-breeds.js";
import { PETFINDER_CAT_BREEDS } from "./petfinder-cat-breeds.js";
import { RESCUEGROUPS_CAT_BREEDS } from "./rescuegroups-cat-breeds.js";
import { THECATAPI_BREEDS } from "./thecatapi-breeds.js";

/** One breed across sources: its canonical name, its folder and whether it is a colour. */
export interface CanonicalBreed {
  /** The canonical name (Petfinder's where Petfinder has the breed). */
  readonly name: string;
  /** `breedFolderName(name)`: the folder every source's photos of this breed go to. */
  readonly folder: string;
  /** A colour or pattern, not a breed (Tabby, Calico, ...; see `COLOR_BREEDS`): a `--no-colours` run leaves it out. */
  readonly colour: boolean;
}

const TABLES: Readonly<Record<BreedSource, readonly SourceBreed[]>> = {
  petfinder: PETFINDER_CAT_BREEDS,
  rescuegroups: RESCUEGROUPS_CAT_BREEDS,
  thecatapi: THECATAPI_BREEDS,
};

/**
 * The comparison key of a name: letters and digits only, lower case, accents dropped, so
 * "Sphynx (hairless cat)", "sphynx / hairless cat" and "Sphynx / Hairless Cat" meet.
 */
export function breedKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

interface SourceIndex {
  /** Ids in lower case (The Cat API's are letters). */
  readonly ids: Map<string, string>;
  readonly names: Map<string, string>;
  readonly keys: Map<string, string>;
}

/** The first entry of a key wins: tables list the preferred spelling first. */
function setFirst(map: Map<string, string>, key: string, value: string): void {
  if (key !== "" && !map.has(key)) map.set(key, value);
}

function indexOf(table: readonly SourceBreed[]): SourceIndex {
  const index: SourceIndex = { ids: new Map(), names: new Map(), keys: new Map() };
  for (const { id, name, canonical = name } of table) {
    if (id !== undefined) setFirst(index.ids, id.toLowerCase(), canonical);
    setFirst(index.names, name, canonical);
    setFirst(index.keys, breedKey(name), canonical);
  }
  return index;
}

let indexes: { readonly bySource: Record<BreedSource, SourceIndex>; readonly anyName: Map<string, string> } | undefined;
function tables() {
  if (indexes === undefined) {
    const bySource = { petfinder: indexOf(TABLES.petfinder), rescuegroups: indexOf(TABLES.rescuegroups), thecatapi: indexOf(TABLES.thecatapi) };
    const anyName = new Map<string, string>();
    for (const source of BREED_SOURCES) for (const [key, canonical] of bySource[source].keys) setFirst(anyName, key, canonical);
    indexes = { bySource, anyName };
  }
  return indexes;
}

const entries = new Map<string, CanonicalBreed>();
function entryOf(name: string): CanonicalBreed {
  let entry = entries.get(name);
  if (entry === undefined) {
    entry = { name, folder: breedFolderName(name), colour: isColorBreed(name) };
    if (entries.size < 10_000) entries.set(name, entry);
  }
  return entry;
}

/**
 * The canonical breed for a source's breed name or id: the source's own table first (ids,
 * exact names, then names ignoring case and punctuation), then any source's names the same
 * way, and otherwise the name itself (trimmed), in its own folder. Every Petfinder name is
 * its own canonical name, so Petfinder folders stay as they are; "Siamese" from all three
 * sources (The Cat API's `siam` too) is one `Siamese` folder.
 *
 * RescueGroups ids are known only where the table lists them (the reference gives one);
 * turn the others into names through the API's breed list first, or they pass through as
 * themselves.
 *
 * @example
 * canonicalBreed("thecatapi", "sphy"); // { name: "Sphynx / Hairless Cat", folder: "Sphynx__Hairless_Cat", colour: false }
 * canonicalBreed("rescuegroups", "tabby"); // { name: "Tabby", folder: "Tabby", colour: true }
 * canonicalBreed("petfinder", "Khao Plong"); // { name: "Khao Plong", folder: "Khao_Plong", colour: false }
 */
export function canonicalBreed(source: BreedSource, nameOrId: string | number): CanonicalBreed {
  if (!BREED_SOURCES.includes(source)) {
    throw new TypeError(`Finding a canonical breed failed: source must be one of ${BREED_SOURCES.join(", ")}, got ${JSON.stringify(source)}`);
  }
  const text = typeof nameOrId === "number" && Number.isFinite(nameOrId) ? String(nameOrId) : nameOrId;
  if (typeof text !== "string" || text.trim() === "") {
    throw new TypeError(`Finding a canonical breed failed: expected a breed name or id, got ${JSON.stringify(nameOrId) ?? String(nameOrId)}`);
  }
  const name = text.trim();
  const { bySource, anyName } = tables();
  const own = bySource[source];
  const key = breedKey(name);
  const canonical = own.ids.get(name.toLowerCase()) ?? own.names.get(name) ?? own.keys.get(key) ?? anyName.get(key) ?? name;
  return entryOf(canonical);
}

/** Every canonical breed the tables know, each once, Petfinder's first, then in table order. */
export function canonicalBreeds(): CanonicalBreed[] {
  const names = new Set<string>();
  for (const source of BREED_SOURCES) for (const { name, canonical = name } of TABLES[source]) names.add(canonical);
  return [...names].map(entryOf);
}
