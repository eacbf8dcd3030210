import { describe, expect, test } from "vitest";
import { makeGif, makeJpeg, makePng, makeWebp } from "../test/helpers/images.js";
import { readImageDimensions } from "./index.js";

// A JPEG whose SOF comes after an APP1 block and a fill byte, as camera files have.
function jpegWithExif(width: number, height: number): Uint8Array {
  const app1 = [0xff, 0xe1, 0x00, 0x08, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00];
  const sof2 = [0xff, 0xff, 0xc2, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  return new Uint8Array([0xff, 0xd8, ...app1, ...sof2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
}

// A VP8L (lossless) WebP header: 14-bit width-1 and height-1 packed after the 0x2f signature.
function webpLossless(width: number, height: number): Uint8Array {
  const out = new Uint8Array(30);
  out.set(new TextEncoder().encode("RIFF\x16\x00\x00\x00WEBPVP8L"), 0);
  out[20] = 0x2f;
  const bits = (width - 1) | ((height - 1) << 14);
  out.set([bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff], 21);
  return out;
}

describe("readImageDimensions", () => {
  test.each([
    ["jpeg", makeJpeg(33, 17), 33, 17],
    ["jpeg", jpegWithExif(4032, 3024), 4032, 3024],
    ["png", makePng(1920, 1080), 1920, 1080],
    ["gif", makeGif(500, 1), 500, 1],
    ["webp", makeWebp(16383, 2), 16383, 2],
    ["webp", webpLossless(300, 200), 300, 200],
  ] as const)("reads %s %ix%i", (format, bytes, width, height) => {
    expect(readImageDimensions(format, bytes)).toEqual({ width, height });
  });

  test("returns null until the header has arrived", () => {
    const jpeg = makeJpeg(10, 10);
    expect(readImageDimensions("jpeg", jpeg.subarray(0, 8))).toBeNull();
    expect(readImageDimensions("png", makePng(5, 5).subarray(0, 20))).toBeNull();
    expect(readImageDimensions("webp", makeWebp(5, 5).subarray(0, 16))).toBeNull();
  });

  test("stops at start-of-scan and at bytes that are not a marker", () => {
    expect(readImageDimensions("jpeg", new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(readImageDimensions("jpeg", new Uint8Array([0xff, 0xd8, 0x12, 0x34, 0, 4, 0, 0, 0, 0, 0, 0]))).toBeNull();
  });
});
