import { describe, expect, test } from "vitest";
import { animalPhotoRows, type AnimalLike, type PhotoSkip, type PhotoVariants } from "./index.js";

const CF = "https://dl5zpyw5k3jeb.cloudfront.net";
const pets = (id: number, slot: number, bust = 1718000000): PhotoVariants => {
  const base = `${CF}/photos/pets/${id}/${slot}/?bust=${bust}`;
  return { small: `${base}&width=100`, medium: `${base}&width=300`, large: `${base}&width=600`, full: base };
};
const image = (n: number): PhotoVariants => {
  const base = `https://dbw3zep4prcju.cloudfront.net/animal/aaaa-${n}/image/bbbb-${n}.jpg?versionId=V${n}&bust=1730000000`;
  return { small: `${base}&width=100`, large: `${base}&width=600`, full: base };
};
const cat = (id: number, primary: string | null, secondary: string | null, photos: Array<PhotoVariants | null>): AnimalLike => ({
  id,
  breeds: { primary, secondary, mixed: secondary !== null },
  photos,
});
const keys = (animal: AnimalLike, options = {}) => animalPhotoRows(animal, options).map((row) => row.key);

describe("animalPhotoRows", () => {
  test.each([
    ["one photo, primary only", cat(7, "Siamese", null, [pets(7, 1)]), {}, ["Siamese/7-1.jpg"]],
    [
      "primary and secondary breed",
      cat(7, "Domestic Short Hair", "Tabby", [pets(7, 1), pets(7, 2)]),
      {},
      ["Domestic_Short_Hair/7-1.jpg", "Domestic_Short_Hair/7-2.jpg", "Tabby/7-1.jpg", "Tabby/7-2.jpg"],
    ],
    ["primary breed only", cat(7, "Domestic Short Hair", "Tabby", [pets(7, 1)]), { breedFields: "primary" }, ["Domestic_Short_Hair/7-1.jpg"]],
    ["colour breeds dropped", cat(7, "Domestic Short Hair", "Tabby", [pets(7, 1)]), { dropColorBreeds: true }, ["Domestic_Short_Hair/7-1.jpg"]],
    ["colour primary dropped, real secondary kept", cat(7, "Calico", "Maine Coon", [pets(7, 1)]), { dropColorBreeds: true }, ["Maine_Coon/7-1.jpg"]],
    ["the same breed twice counts once", cat(7, "Bengal", "Bengal", [pets(7, 1)]), {}, ["Bengal/7-1.jpg"]],
    ["the same breed in another case counts once", cat(7, "Bengal", "BENGAL", [pets(7, 1)]), {}, ["Bengal/7-1.jpg"]],
    ["breed names are trimmed", cat(7, "  Bengal ", " ", [pets(7, 1)]), {}, ["Bengal/7-1.jpg"]],
    ["secondary only", cat(7, null, "Persian", [pets(7, 1)]), {}, ["Persian/7-1.jpg"]],
    ["photo numbers from URL slots, not array order", cat(7, "Manx", null, [pets(7, 3), pets(7, 1)]), {}, ["Manx/7-3.jpg", "Manx/7-1.jpg"]],
    ["new-CDN photos numbered by position", cat(7, "Manx", null, [image(1), image(2)]), {}, ["Manx/7-1.jpg", "Manx/7-2.jpg"]],
    ["mixed shapes numbered by position", cat(7, "Manx", null, [pets(7, 2), image(9)]), {}, ["Manx/7-1.jpg", "Manx/7-2.jpg"]],
    ["a repeated photo (new bust) kept once", cat(7, "Manx", null, [pets(7, 1, 1), pets(7, 1, 2)]), {}, ["Manx/7-1.jpg"]],
    ["a photo without URLs skipped, others keep their slots", cat(7, "Manx", null, [{}, pets(7, 2)]), {}, ["Manx/7-2.jpg"]],
    ["a null photo skipped, positions still count it", cat(7, "Manx", null, [null, image(5)]), {}, ["Manx/7-2.jpg"]],
    ["a hostile breed name", cat(7, "../../etc", null, [pets(7, 1)]), {}, [expect.stringMatching(/^etc~[0-9a-z]{10}\/7-1\.jpg$/)]],
  ])("%s", (_label, animal, options, expected) => {
    expect(keys(animal, options)).toEqual(expected);
  });

  test("fills every field of a row", () => {
    const [row] = animalPhotoRows(cat(71234567, "Extra-Toes Cat / Hemingway Polydactyl", null, [pets(71234567, 2)]), { size: "large" });
    expect(row).toEqual({
      animalId: 71234567,
      photo: 2,
      breed: "Extra-Toes Cat / Hemingway Polydactyl",
      breedField: "primary",
      folder: "Extra-Toes_Cat__Hemingway_Polydactyl",
      url: `${CF}/photos/pets/71234567/2/?bust=1718000000&width=600`,
      size: "large",
      canonicalUrl: `${CF}/photos/pets/71234567/2/`,
      key: "Extra-Toes_Cat__Hemingway_Polydactyl/71234567-2.jpg",
    });
  });

  test.each([
    ["no photos", cat(7, "Bengal", null, []), "no-photos"],
    ["photos null", { id: 7, breeds: { primary: "Bengal", secondary: null }, photos: null }, "no-photos"],
    ["no breed", cat(7, null, null, [pets(7, 1)]), "no-breed"],
    ["blank breeds", cat(7, " ", "", [pets(7, 1)]), "no-breed"],
    ["breeds null", { id: 7, breeds: null, photos: [pets(7, 1)] }, "no-breed"],
    ["only a colour", cat(7, "Tortoiseshell", null, [pets(7, 1)]), "color-breed"],
    ["no id", { breeds: { primary: "Bengal", secondary: null }, photos: [pets(7, 1)] }, "invalid-animal"],
    ["a string id", { id: "7", breeds: { primary: "Bengal", secondary: null }, photos: [pets(7, 1)] }, "invalid-animal"],
    ["a negative id", cat(-7, "Bengal", null, [pets(7, 1)]), "invalid-animal"],
    ["photos not an array", { id: 7, breeds: { primary: "Bengal", secondary: null }, photos: "x" }, "invalid-animal"],
    ["not an object", null, "invalid-animal"],
    ["only unusable URLs", cat(7, "Bengal", null, [{ full: "javascript:alert(1)", large: "nope" }]), "no-usable-url"],
  ])("reports %s as a skip, never a throw", (_label, animal, reason) => {
    const skips: PhotoSkip[] = [];
    expect(animalPhotoRows(animal as AnimalLike, { dropColorBreeds: true, onSkip: (s) => skips.push(s) })).toEqual([]);
    expect(skips.map((s) => s.reason)).toEqual([reason]);
    expect(skips[0]!.detail.length).toBeGreaterThan(10);
  });

  test.each([
    [undefined, "full"],
    ["small", "small"],
    ["medium", "large"],
  ] as const)("asking for size %s takes %s (medium is missing here)", (size, taken) => {
    const { medium: _, ...photo } = pets(7, 1);
    expect(animalPhotoRows(cat(7, "Bengal", null, [photo]), { size })[0]?.size).toBe(taken);
  });

  test("refuses an unknown breedFields value with a TypeError", () => {
    expect(() => animalPhotoRows(cat(7, "Bengal", null, [pets(7, 1)]), { breedFields: "all" as "both" })).toThrow(TypeError);
  });
});
