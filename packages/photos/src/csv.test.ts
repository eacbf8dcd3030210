import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { breedCountsToCsv, csvField, parseBreedCountsCsv, parseCsv } from "./index.js";

describe("CSV", () => {
  test.each([
    ["Bengal", "Bengal"],
    ["Sphynx / Hairless Cat", "Sphynx / Hairless Cat"],
    ["Black, White", '"Black, White"'],
    ['The "Cat"', '"The ""Cat"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r", '"cr\r"'],
    [" padded ", '" padded "'],
    ["", ""],
    [42, "42"],
  ])("csvField(%j) is %j", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  test("writes breeds.csv with a header, most images first, and reads it back", () => {
    // Most images first, then by breed name, as breeds.csv lists them.
    const counts = [
      { breed: "Domestic Short Hair", folder: "Domestic_Short_Hair", images: 2 },
      { breed: 'Odd, "quoted"\nname', folder: "Odd_quoted_name~0123456789", images: 1 },
      { breed: "Sphynx / Hairless Cat", folder: "Sphynx__Hairless_Cat", images: 1 },
      { breed: "Bengal", folder: "Bengal", images: 0 },
    ];
    const csv = breedCountsToCsv(counts);
    expect(csv).toBe(
      'breed,folder,images\nDomestic Short Hair,Domestic_Short_Hair,2\n"Odd, ""quoted""\nname",Odd_quoted_name~0123456789,1\nSphynx / Hairless Cat,Sphynx__Hairless_Cat,1\nBengal,Bengal,0\n',
    );
    expect(parseBreedCountsCsv(csv)).toEqual(counts);
    expect(parseBreedCountsCsv(breedCountsToCsv(counts, { newline: "\r\n" }))).toEqual(counts);
  });

  test.each([
    [false, "=HYPERLINK(1)", "=HYPERLINK(1)"],
    [true, "=HYPERLINK(1)", "'=HYPERLINK(1)"],
    [true, "@SUM(A1)", "'@SUM(A1)"],
    [true, "-2+3", "'-2+3"],
    [true, "Bengal", "Bengal"],
  ])("escapeFormulas %s writes the breed %j as %j", (escapeFormulas, breed, written) => {
    const csv = breedCountsToCsv([{ breed, folder: "F", images: 1 }], { escapeFormulas });
    expect(parseBreedCountsCsv(csv)[0]?.breed).toBe(written);
  });

  test("reads the write-up's table (folder,breed,images column order)", () => {
    const counts = parseBreedCountsCsv(readFileSync(new URL("../test/fixtures/seed-breed-image-counts.csv", import.meta.url), "utf8"));
    expect(counts[0]).toEqual({ breed: "Domestic Short Hair", folder: "Domestic_Short_Hair", images: 9658 });
    expect(counts.reduce((sum, c) => sum + c.images, 0)).toBe(49_228);
  });

  test.each([['a,"b', "not closed"]])("parseCsv refuses %j", (text, message) => {
    expect(() => parseCsv(text)).toThrow(message);
  });

  test.each([
    ["breed,images\nBengal,1\n", 'no "folder" column'],
    ["breed,folder,images\nBengal,Bengal,many\n", "not a whole number"],
    ["breed,folder,images\nBengal,Bengal,-1\n", "not a whole number"],
  ])("parseBreedCountsCsv refuses %j", (text, message) => {
    expect(() => parseBreedCountsCsv(text)).toThrow(message);
  });
});
