import { readFileSync } from "node:fs";
import { ANIMAL_TYPES } from "@cat-harvest/petfinder-emulator";
import { describe, expect, test } from "vitest";
import {
  BREED_SOURCES,
  COLOR_BREEDS,
  PETFINDER_CAT_BREEDS,
  RESCUEGROUPS_CAT_BREEDS,
  THECATAPI_BREEDS,
  breedFolderName,
  breedKey,
  canonicalBreed,
  canonicalBreeds,
  parseBreedCountsCsv,
  type BreedSource,
} from "./index.js";

const seed = parseBreedCountsCsv(readFileSync(new URL("../test/fixtures/seed-breed-image-counts.csv", import.meta.url), "utf8"));
const emulatorCatBreeds = ANIMAL_TYPES.find((type) => type.name === "Cat")!.breeds;

describe("canonicalBreed: Petfinder names keep their folders", () => {
  test("the table lists every breed of the emulator's catalog and of the write-up", () => {
    const names = new Set(PETFINDER_CAT_BREEDS.map((b) => b.name));
    expect(emulatorCatBreeds.length).toBeGreaterThan(60);
    for (const breed of [...emulatorCatBreeds, ...seed.map((row) => row.breed)]) expect(names).toContain(breed);
  });

  test.each(emulatorCatBreeds)("the catalog's %j maps to itself and its folder", (breed) => {
    expect(canonicalBreed("petfinder", breed)).toEqual({ name: breed, folder: breedFolderName(breed), colour: COLOR_BREEDS.has(breed) });
  });

  test.each(seed.map((row) => [row.breed, row.folder]))("the write-up's %j keeps its folder %s", (breed, folder) => {
    expect(canonicalBreed("petfinder", breed)).toMatchObject({ name: breed, folder });
  });
});

describe("canonicalBreed: one breed across sources", () => {
  test.each<[BreedSource, string | number, BreedSource, string]>([
    ["petfinder", "Siamese", "rescuegroups", "Siamese"],
    ["petfinder", "Siamese", "thecatapi", "siam"],
    ["petfinder", "Siamese", "thecatapi", "Siamese"],
    ["petfinder", "Bengal", "thecatapi", "beng"],
    ["petfinder", "Abyssinian", "thecatapi", "abys"],
    ["petfinder", "Abyssinian", "rescuegroups", "1"],
    ["petfinder", "Maine Coon", "thecatapi", "mcoo"],
    ["petfinder", "American Bobtail", "thecatapi", "abob"],
    ["petfinder", "Havana", "thecatapi", "hbro"],
    ["petfinder", "Havana", "thecatapi", "Havana Brown"],
    ["petfinder", "Pixiebob", "thecatapi", "pixi"],
    ["petfinder", "Pixiebob", "thecatapi", "Pixie-bob"],
    ["petfinder", "Sphynx / Hairless Cat", "thecatapi", "sphy"],
    ["petfinder", "Sphynx / Hairless Cat", "rescuegroups", "Sphynx (hairless cat)"],
    ["petfinder", "Extra-Toes Cat / Hemingway Polydactyl", "rescuegroups", "Extra-Toes Cat (Hemingway Polydactyl)"],
    ["petfinder", "Domestic Short Hair", "rescuegroups", "Domestic Short Hair"],
    ["petfinder", "Tabby", "rescuegroups", "Tabby"],
    ["petfinder", "Norwegian Forest Cat", "thecatapi", "norw"],
    ["thecatapi", "savannah", "rescuegroups", "Savannah"],
    ["thecatapi", "Havana Brown", "petfinder", "Havana Brown"],
  ])("%s %j and %s %j are one breed", (sourceA, a, sourceB, b) => {
    expect(canonicalBreed(sourceB, b)).toEqual(canonicalBreed(sourceA, a));
  });

  test('"Siamese" from all three sources is one Siamese folder', () => {
    const folders = new Set(BREED_SOURCES.map((source) => canonicalBreed(source, "Siamese").folder));
    expect([...folders]).toEqual(["Siamese"]);
  });

  test.each<[BreedSource, string | number, string]>([
    ["thecatapi", "SIAM", "Siamese"],
    ["thecatapi", " siamese ", "Siamese"],
    ["rescuegroups", "domestic short-hair", "Domestic Short Hair"],
    ["rescuegroups", "DOMESTIC_SHORT_HAIR", "Domestic Short Hair"],
    ["rescuegroups", 1, "Abyssinian"],
    ["petfinder", "sphynx hairless cat", "Sphynx / Hairless Cat"],
    ["petfinder", "Extra Toes Cat - Hemingway Polydactyl", "Extra-Toes Cat / Hemingway Polydactyl"],
    ["petfinder", "pixie bob", "Pixiebob"],
    ["petfinder", "Pixie-Bob", "Pixie-Bob"],
    ["thecatapi", "Chantilly Tiffany", "Chantilly-Tiffany"],
  ])("%s %j is found ignoring case and punctuation: %s", (source, input, name) => {
    expect(canonicalBreed(source, input).name).toBe(name);
  });

  test.each<[BreedSource, string, string]>([
    ["petfinder", "Khao Plong", "Khao_Plong"],
    ["rescuegroups", "  Tabby/Tiger ", breedFolderName("Tabby/Tiger")],
    ["thecatapi", "zzzz", "zzzz"],
    ["rescuegroups", "999999", "999999"],
  ])("an unknown %s name %j passes through as itself, in its own folder", (source, input, folder) => {
    expect(canonicalBreed(source, input)).toEqual({ name: input.trim(), folder, colour: false });
  });

  test("colour breeds are flagged, from every source", () => {
    for (const colour of COLOR_BREEDS) {
      expect(canonicalBreed("petfinder", colour).colour).toBe(true);
      expect(canonicalBreed("rescuegroups", colour.toUpperCase()).colour).toBe(true);
    }
    expect(canonicalBreed("petfinder", "Oriental Tabby").colour).toBe(false);
    expect(canonicalBreed("thecatapi", "siam").colour).toBe(false);
  });

  test("bad arguments throw a TypeError", () => {
    expect(() => canonicalBreed("flickr" as BreedSource, "Siamese")).toThrow(/source must be one of petfinder, rescuegroups, thecatapi, got "flickr"/);
    expect(() => canonicalBreed("petfinder", "  ")).toThrow(TypeError);
    expect(() => canonicalBreed("petfinder", null as unknown as string)).toThrow(TypeError);
  });
});

describe("the breed tables", () => {
  test("The Cat API's table holds its 67 breeds, each id four lower-case letters, once", () => {
    expect(THECATAPI_BREEDS).toHaveLength(67);
    const ids = THECATAPI_BREEDS.map((b) => b.id);
    expect(new Set(ids).size).toBe(67);
    for (const id of ids) expect(id).toMatch(/^[a-z]{4}$/);
  });

  test("no two canonical names share a folder, not even ignoring case", () => {
    const breeds = canonicalBreeds();
    const folders = breeds.map((b) => b.folder.toLowerCase());
    expect(new Set(folders).size).toBe(breeds.length);
    expect(breeds.map((b) => b.name)).toEqual(expect.arrayContaining(["Siamese", "Savannah", "Pixiebob", "Pixie-Bob"]));
  });

  test("every name and id of every table maps to a canonical breed of the list", () => {
    const names = new Set(canonicalBreeds().map((b) => b.name));
    for (const [source, table] of [
      ["petfinder", PETFINDER_CAT_BREEDS],
      ["rescuegroups", RESCUEGROUPS_CAT_BREEDS],
      ["thecatapi", THECATAPI_BREEDS],
    ] as const) {
      for (const { id, name, canonical = name } of table) {
        expect(canonicalBreed(source, name).name).toBe(canonical);
        if (id !== undefined) expect(canonicalBreed(source, id).name).toBe(canonical);
        expect(names).toContain(canonical);
      }
    }
  });

  test("within a source, names that meet ignoring case and punctuation are one breed, except Petfinder's v1 and v2 Pixie-Bob", () => {
    for (const table of [PETFINDER_CAT_BREEDS, RESCUEGROUPS_CAT_BREEDS, THECATAPI_BREEDS]) {
      const byKey = new Map<string, Set<string>>();
      for (const { name, canonical = name } of table) byKey.set(breedKey(name), (byKey.get(breedKey(name)) ?? new Set()).add(canonical));
      const split = [...byKey].filter(([, canonicals]) => canonicals.size > 1).map(([key]) => key);
      expect(split).toEqual(table === PETFINDER_CAT_BREEDS ? ["pixiebob"] : []);
    }
  });

  test("no Cat API id is another breed's name", () => {
    const clashes = THECATAPI_BREEDS.filter(({ id, name }) => THECATAPI_BREEDS.some((other) => other.name !== name && breedKey(other.name) === id));
    expect(clashes).toEqual([]);
    expect(canonicalBreed("thecatapi", "manx").name).toBe("Manx");
  });
});
