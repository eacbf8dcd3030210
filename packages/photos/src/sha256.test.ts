import { createHash } from "node:crypto";
import { expect, test } from "vitest";
import { sha256 } from "./sha256.js";

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

test.each([
  ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
])("sha256(%j) matches the FIPS 180-2 vector", (text, digest) => {
  expect(hex(sha256(new TextEncoder().encode(text)))).toBe(digest);
});

test("agrees with node:crypto on every length around the block boundaries", () => {
  let seed = 7;
  for (let length = 0; length < 300; length++) {
    const data = new Uint8Array(length).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    expect(hex(sha256(data))).toBe(createHash("sha256").update(data).digest("hex"));
  }
});
