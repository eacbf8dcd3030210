import { describe, expect, test } from "vitest";
import type { PhotoCandidate } from "../../harvest/src/photo-candidate.ts";
import { rescueGroupsCandidates, type RescueGroupsAnimal, type RescueGroupsPhotoCandidate, type RescueGroupsPicture, type RescueGroupsSkip } from "./index.js";

const cdn = (animal: string, picture: string) => `https://cdn.rescuegroups.org/105/pictures/animals/${animal}/${animal}/${picture}.jpg`;

function picture(
  animal: string,
  id: string,
  order: number | undefined,
  sizes: Array<"original" | "large" | "small"> = ["original", "large", "small"],
): RescueGroupsPicture {
  const url = cdn(animal, id);
  return {
    id,
    order,
    original: sizes.includes("original") ? url : undefined,
    large: sizes.includes("large") ? `${url}?width=500` : undefined,
    small: sizes.includes("small") ? `${url}?width=100` : undefined,
  };
}

function cat(id: string, attributes: RescueGroupsAnimal["attributes"], pictures = [picture(id, "p1", 1), picture(id, "p2", 2)]): RescueGroupsAnimal {
  return { id, attributes, pictures };
}

describe("rescueGroupsCandidates", () => {
  test("one candidate per picture per breed: the animal id as record id, the picture order as photo number, canonical breeds", () => {
    const animal = cat("10005058", { breedPrimary: "Sphynx (hairless cat)", breedPrimaryId: 999, breedSecondary: "Siamese" });
    expect(rescueGroupsCandidates()(animal)).toEqual([
      { url: cdn("10005058", "p1"), breed: "Sphynx / Hairless Cat", recordId: 10005058, photo: 1, size: "full" },
      { url: cdn("10005058", "p2"), breed: "Sphynx / Hairless Cat", recordId: 10005058, photo: 2, size: "full" },
      { url: cdn("10005058", "p1"), breed: "Siamese", recordId: 10005058, photo: 1, size: "full" },
      { url: cdn("10005058", "p2"), breed: "Siamese", recordId: 10005058, photo: 2, size: "full" },
    ]);
  });

  test("breedFields primary leaves out the secondary breed, and a secondary in the primary's folder counts once", () => {
    const animal = cat("7", { breedPrimary: "Domestic Short Hair", breedSecondary: "domestic short-hair" });
    expect(rescueGroupsCandidates()(animal).map((c) => c.breed)).toEqual(["Domestic Short Hair", "Domestic Short Hair"]);
    const mixed = cat("8", { breedPrimary: "Bengal", breedSecondary: "Tabby" });
    expect(new Set(rescueGroupsCandidates({ breedFields: "primary" })(mixed).map((c) => c.breed))).toEqual(new Set(["Bengal"]));
  });

  test("a breed given only by id goes through the canonical table (id 1 is Abyssinian)", () => {
    expect(rescueGroupsCandidates()(cat("9", { breedPrimaryId: 1 }))[0]!.breed).toBe("Abyssinian");
  });

  test("dropColorBreeds leaves out colour breeds and says so", () => {
    const skips: RescueGroupsSkip[] = [];
    const candidatesOf = rescueGroupsCandidates({ dropColorBreeds: true, onSkip: (s) => skips.push(s) });
    expect(candidatesOf(cat("11", { breedPrimary: "Siamese", breedSecondary: "Tabby" })).map((c) => c.breed)).toEqual(["Siamese", "Siamese"]);
    expect(candidatesOf(cat("12", { breedPrimary: "Tuxedo" }))).toEqual([]);
    expect(skips.map((s) => [s.reason, s.animalId, s.breed])).toEqual([
      ["color-breed", "11", "Tabby"],
      ["color-breed", "12", "Tuxedo"],
    ]);
  });

  test("folders keeps only photos of those breed folders", () => {
    const animal = cat("13", { breedPrimary: "Extra-Toes Cat (Hemingway Polydactyl)", breedSecondary: "Siamese" });
    const kept = rescueGroupsCandidates({ folders: new Set(["Extra-Toes_Cat__Hemingway_Polydactyl"]) })(animal);
    expect(kept.map((c) => c.breed)).toEqual(["Extra-Toes Cat / Hemingway Polydactyl", "Extra-Toes Cat / Hemingway Polydactyl"]);
  });

  test.each([
    ["largest", "full", ""],
    ["full", "full", ""],
    ["large", "large", "?width=500"],
    ["medium", "large", "?width=500"],
    ["small", "small", "?width=100"],
  ] as const)("size %s takes the %s picture", (size, taken, suffix) => {
    const [first] = rescueGroupsCandidates({ size })(cat("14", { breedPrimary: "Bengal" }));
    expect(first).toMatchObject({ size: taken, url: `${cdn("14", "p1")}${suffix}` });
  });

  test("a missing size falls back to the larger ones first, then the smaller", () => {
    const pictures = [picture("15", "a", 1, ["original", "small"]), picture("15", "b", 2, ["small"])];
    const candidates = rescueGroupsCandidates({ size: "large" })(cat("15", { breedPrimary: "Bengal" }, pictures));
    expect(candidates.map((c) => [c.photo, c.size])).toEqual([
      [1, "full"],
      [2, "small"],
    ]);
  });

  test("photo numbers are positions when orders are missing or repeat", () => {
    const missing = [picture("16", "a", undefined), picture("16", "b", 1)];
    expect(rescueGroupsCandidates()(cat("16", { breedPrimary: "Bengal" }, missing)).map((c) => [c.photo, c.url])).toEqual([
      [1, cdn("16", "a")],
      [2, cdn("16", "b")],
    ]);
    const repeated = [picture("17", "a", 2), picture("17", "b", 2)];
    expect(rescueGroupsCandidates()(cat("17", { breedPrimary: "Bengal" }, repeated)).map((c) => c.photo)).toEqual([1, 2]);
  });

  test("bad data is skipped and reported, never thrown", () => {
    const skips: RescueGroupsSkip[] = [];
    const candidatesOf = rescueGroupsCandidates({ onSkip: (s) => skips.push(s) });
    expect(candidatesOf(cat("x-1", { breedPrimary: "Bengal" }))).toEqual([]);
    expect(candidatesOf(cat("18", { breedPrimary: "Bengal" }, []))).toEqual([]);
    expect(candidatesOf(cat("19", {}))).toEqual([]);
    const twice = [picture("20", "a", 1), picture("20", "a", 2), { id: "c", order: 3, original: "not a url", large: undefined, small: undefined }];
    expect(candidatesOf(cat("20", { breedPrimary: "Bengal" }, twice)).map((c) => c.photo)).toEqual([1]);
    expect(skips.map((s) => [s.reason, s.animalId, s.photo])).toEqual([
      ["invalid-animal", "x-1", undefined],
      ["no-pictures", "18", undefined],
      ["no-breed", "19", undefined],
      ["duplicate-url", "20", 2],
      ["no-usable-url", "20", 3],
    ]);
  });

  test("a bad breedFields throws a TypeError", () => {
    expect(() => rescueGroupsCandidates({ breedFields: "all" as "both" })).toThrow(TypeError);
  });

  test("a candidate is the pipeline's PhotoCandidate", () => {
    const candidate: RescueGroupsPhotoCandidate = rescueGroupsCandidates()(cat("21", { breedPrimary: "Bengal" }))[0]!;
    const asPipelineSees: PhotoCandidate = candidate;
    expect(asPipelineSees.recordId).toBe(21);
  });
});
