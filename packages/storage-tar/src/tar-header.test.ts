import { packTar } from "modern-tar";
import { describe, expect, test } from "vitest";
import { BLOCK, isZeroBlock, paddedSize, parseHeader, parsePax } from "./tar-header.js";

const encoder = new TextEncoder();

describe("parseHeader", () => {
  test.each([
    ["Bengal/1-1.jpg", 5],
    ["a".repeat(100), 0],
    [`${"folder/".repeat(20)}file.jpg`, 1_234_567],
  ])("reads name %j and size %i from a header modern-tar wrote", async (name, size) => {
    const archive = await packTar([{ header: { name, size, type: "file" }, body: new Uint8Array(size) }]);
    const header = parseHeader(archive.subarray(0, BLOCK));
    expect(header).toEqual({ name, size, type: "0" });
  });

  test("returns null for a block whose checksum does not match", async () => {
    const archive = await packTar([{ header: { name: "a.txt", size: 1, type: "file" }, body: "a" }]);
    const block = archive.slice(0, BLOCK);
    block[0] = "b".charCodeAt(0);
    expect(parseHeader(block)).toBeNull();
    expect(parseHeader(encoder.encode("x".repeat(BLOCK)))).toBeNull();
  });

  test("reads a GNU base-256 size", async () => {
    const archive = await packTar([{ header: { name: "a.bin", size: 0, type: "file" } }]);
    const block = archive.slice(0, BLOCK);
    block.fill(0, 124, 136);
    block[124] = 0x80;
    block[135] = 0x02; // 2 bytes, as base-256
    let sum = 0;
    block.fill(0x20, 148, 156);
    for (const b of block) sum += b;
    block.set(encoder.encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
    expect(parseHeader(block)?.size).toBe(2);
  });
});

describe("parsePax", () => {
  const record = (key: string, value: string) => {
    const body = ` ${key}=${value}\n`;
    const bytes = (s: string) => encoder.encode(s).length;
    let length = bytes(body);
    while (bytes(`${length}${body}`) !== length) length = bytes(`${length}${body}`);
    return `${length}${body}`;
  };

  test.each([
    [record("path", "Ragdoll/ünïcødé 猫.jpg"), { path: "Ragdoll/ünïcødé 猫.jpg" }],
    [record("size", "123") + record("mtime", "1.5"), { size: 123 }],
    [record("path", "a=b.txt"), { path: "a=b.txt" }],
    ["", {}],
    ["garbage", {}],
  ])("reads %j", (records, expected) => {
    const bytes = encoder.encode(records);
    expect(parsePax(bytes)).toEqual(expected);
  });

  test("stops at NUL padding", () => {
    const bytes = new Uint8Array(BLOCK);
    bytes.set(encoder.encode(record("path", "x.jpg")));
    expect(parsePax(bytes)).toEqual({ path: "x.jpg" });
  });
});

describe("block helpers", () => {
  test.each([
    [0, 0],
    [1, 512],
    [512, 512],
    [513, 1024],
  ])("paddedSize(%i) is %i", (size, padded) => {
    expect(paddedSize(size)).toBe(padded);
  });

  test("isZeroBlock", () => {
    expect(isZeroBlock(new Uint8Array(BLOCK))).toBe(true);
    const block = new Uint8Array(BLOCK);
    block[511] = 1;
    expect(isZeroBlock(block)).toBe(false);
  });
});
