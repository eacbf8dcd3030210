import { describe, expect, test } from "vitest";
import { makeGif, makeJpeg, makePng, makeWebp } from "../test/helpers/images.js";
import { isImageComplete, type ImageFormat } from "./index.js";

const check = (format: ImageFormat, bytes: Uint8Array) =>
  isImageComplete(format, bytes.subarray(0, 64), bytes.subarray(Math.max(0, bytes.length - 32)), bytes.length);
const withTrailer = (bytes: Uint8Array, extra: number) => {
  const out = new Uint8Array(bytes.length + extra);
  out.set(bytes);
  return out;
};

describe("isImageComplete", () => {
  const jpeg = makeJpeg(16, 16);
  test.each([
    ["a whole JPEG", "jpeg", jpeg, true],
    ["a JPEG with a few padding bytes after FFD9", "jpeg", withTrailer(jpeg, 4), true],
    ["a JPEG cut short", "jpeg", jpeg.subarray(0, jpeg.length - 40), false],
    ["a JPEG missing its last byte", "jpeg", jpeg.subarray(0, jpeg.length - 1), false],
    ["a whole PNG", "png", makePng(2, 2), true],
    ["a PNG cut inside IEND", "png", makePng(2, 2).subarray(0, 40), false],
    ["a whole GIF", "gif", makeGif(2, 2), true],
    ["a GIF without its trailer", "gif", makeGif(2, 2).subarray(0, 13), false],
    ["a whole WebP", "webp", makeWebp(2, 2), true],
    ["a WebP shorter than its RIFF length", "webp", makeWebp(2, 2).subarray(0, 25), false],
  ] as const)("%s -> %s", (_name, format, bytes, complete) => {
    expect(check(format, bytes)).toBe(complete);
  });
});
