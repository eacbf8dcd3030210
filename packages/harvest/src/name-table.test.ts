import { describe, expect, test } from "vitest";
import { createNameTable } from "./name-table.js";

describe("createNameTable", () => {
  test("numbers names in first-seen order, finds them, and gives them back, across growth", () => {
    const table = createNameTable();
    const names = Array.from({ length: 30_000 }, (_, i) => `Sphynx_Hairless_Cat/${i}-${i % 4}.jpg`);
    names.push("Chat_tigré/été-1.jpg", "猫/1-1.jpg", "emoji/🐈-1.jpg", "");
    names.forEach((name, i) => expect(table.intern(name)).toBe(i));
    expect(table.size).toBe(names.length);
    names.forEach((name, i) => {
      expect(table.intern(name)).toBe(i);
      expect(table.find(name)).toBe(i);
      expect(table.name(i)).toBe(name);
    });
    expect(table.find("Bengal/1-1.jpg")).toBe(-1);
    expect(table.find("猫/1-2.jpg")).toBe(-1);
    expect(() => table.name(names.length)).toThrow(RangeError);
  });
});
