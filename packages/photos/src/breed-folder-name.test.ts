import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { BREED_FOLDER_MAX_BYTES, breedFolderName, parseBreedCountsCsv } from "./index.js";

const seed = parseBreedCountsCsv(readFileSync(new URL("../test/fixtures/seed-breed-image-counts.csv", import.meta.url), "utf8"));
const HASH = "~[0-9a-hjkmnp-tv-z]{10}";
const bytes = (text: string) => new TextEncoder().encode(text).length;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function expectSafe(folder: string) {
  expect(folder).not.toMatch(/[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]/);
  expect(folder).not.toMatch(/^\.|[. ]$/);
  expect([".", ".."]).not.toContain(folder);
  expect(folder.split(".")[0]).not.toMatch(/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i);
  expect(bytes(folder)).toBeLessThanOrEqual(BREED_FOLDER_MAX_BYTES);
  expect(folder.length).toBeGreaterThan(0);
}

describe("breedFolderName", () => {
  test("reads all 60 breeds of the write-up's table", () => {
    expect(seed).toHaveLength(60);
  });

  test.each(seed.map((row) => [row.breed, row.folder]))("keeps the write-up's folder for %j: %s", (breed, folder) => {
    expect(breedFolderName(breed)).toBe(folder);
  });

  test.each([
    ["Abyssinian", "Abyssinian"],
    ["Norwegian Forest Cat", "Norwegian_Forest_Cat"],
    ["Pixiebob", "Pixiebob"],
    ["St. Bernard", "St._Bernard"],
    ["Black & White", "Black_&_White"],
    ["Chat (européen)", "Chat_(européen)"],
    ["Сибирская", "Сибирская"],
    ["日本猫", "日本猫"],
    ["Tabby (Tiger Striped)", "Tabby_(Tiger_Striped)"],
  ])("keeps the safe name %j readable as %s", (breed, folder) => {
    expect(breedFolderName(breed)).toBe(folder);
  });

  test.each([
    // [name, readable base before the hash]
    ["Tabby/Tiger", "Tabby_Tiger"],
    ["Tabby\\Tiger", "Tabby_Tiger"],
    ["..", "breed"],
    ["../../etc/passwd", "etc_passwd"],
    [".", "breed"],
    [".hidden", "hidden"],
    ["", "breed"],
    ["   ", "breed"],
    ["/", "breed"],
    ["CON", "CON"],
    ["con", "con"],
    ["PRN", "PRN"],
    ["AUX", "AUX"],
    ["NUL", "NUL"],
    ["COM1", "COM1"],
    ["com9", "com9"],
    ["LPT1", "LPT1"],
    ["Lpt9", "Lpt9"],
    ["COM¹", "COM¹"],
    ["Bengal.", "Bengal"],
    ["Bengal ", "Bengal"],
    ["Bengal\t", "Bengal"],
    ["Ben\u0000gal", "Ben_gal"],
    ["Ben\u001bgal", "Ben_gal"],
    ["Ben\u007fgal", "Ben_gal"],
    ["Ben\u202egal", "Ben_gal"],
    ["Ben\u200dgal", "Ben_gal"],
    ["Tabby: Tiger?", "Tabby__Tiger"],
    ['a<b>c"d|e*f', "a_b_c_d_e_f"],
    ["Tabby~Tiger", "Tabby_Tiger"],
    ["Domestic_Short_Hair", "Domestic_Short_Hair"],
    ["-rf", "rf"],
    ["Cat 😺", "Cat"],
    ["e\u0301", "é"],
    ["Siamese\ud800", "Siamese"],
    ["A  B", "A__B"],
  ])("sanitises %j to %s plus a hash", (breed, base) => {
    const folder = breedFolderName(breed);
    expect(folder).toMatch(new RegExp(`^_?${escape(base)}${HASH}$`));
    expectSafe(folder);
  });

  test.each([
    ["CON.txt", "_CON.txt"],
    ["nul.tar.gz", "_nul.tar.gz"],
    ["Lpt1. Cat", "_Lpt1._Cat"],
  ])("defuses the device name with an extension %j as %s", (breed, base) => {
    const folder = breedFolderName(breed);
    expect(folder).toMatch(new RegExp(`^${escape(base)}${HASH}$`));
    expectSafe(folder);
  });

  test.each([
    ["a very long name", "Maine Coon ".repeat(40)],
    ["a long run of multibyte letters", "猫".repeat(200)],
    ["a long run of emoji", "😺".repeat(200)],
    ["a long name of separators", "/".repeat(5000)],
  ])("bounds %s to %i bytes", (_label, breed) => {
    const folder = breedFolderName(breed);
    expectSafe(folder);
    expect(folder).toMatch(new RegExp(`${HASH}$`));
  });

  test.each([
    ["A B", "A_B"],
    ["A/B", "AB"],
    ["A / B", "A  B"],
    ["Sphynx / Hairless Cat", "Sphynx  Hairless Cat"],
    ["Sphynx / Hairless Cat", "Sphynx/Hairless Cat"],
    ["é", "e\u0301"],
    ["Bengal", "Bengal "],
    ["Bengal", " Bengal"],
    ["Bengal", "Bengal."],
    ["CON", "CON "],
    ["..", "."],
    ["", " "],
    ["x".repeat(300), `${"x".repeat(300)}y`],
    ["Tabby/Tiger", "Tabby\\Tiger"],
  ])("gives %j and %j different folders", (a, b) => {
    expect(breedFolderName(a)).not.toBe(breedFolderName(b));
  });

  test("is a pure function: these exact folders in every run, runtime and package", () => {
    expect(["CON", "", "Tabby/Tiger", "e\u0301"].map(breedFolderName)).toEqual([
      "CON~021hqydvq3",
      "breed~werc8gmrzg",
      "Tabby_Tiger~wt4xatvebs",
      "é~1pqqjjt13e",
    ]);
  });

  test.each([[null], [undefined], [42]])("refuses %j with a TypeError", (value) => {
    expect(() => breedFolderName(value as unknown as string)).toThrow(TypeError);
  });
});
