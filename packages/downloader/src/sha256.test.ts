import { describe, expect, test } from "vitest";
import { createDefaultSha256, createPortableSha256, toHex } from "./sha256.js";

const digest = (create: () => { update(b: Uint8Array): unknown; digest(): Uint8Array }, text: string) => {
  const hash = create();
  hash.update(new TextEncoder().encode(text));
  return toHex(hash.digest());
};

describe("sha256", () => {
  test.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  ])("default and portable hashes agree with the standard digest of %j", (text, hex) => {
    expect(digest(createDefaultSha256, text)).toBe(hex);
    expect(digest(createPortableSha256, text)).toBe(hex);
  });

  test("on Node the default is the native hash, not the portable one", () => {
    expect(createDefaultSha256).not.toBe(createPortableSha256);
  });
});
