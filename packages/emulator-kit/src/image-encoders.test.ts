import jpeg from "jpeg-js";
import omggif from "omggif";
import { PNG } from "pngjs";
import { describe, expect, test } from "vitest";
import { drawCat } from "./cat-drawing.js";
import { encodeGif } from "./gif-encode.js";
import { imageBytes, labelledImage } from "./image-parts.js";
import { encodeJpeg } from "./jpeg-encode.js";
import { noiseBytes } from "./noise.js";
import { PALETTE, toPaletteIndexes } from "./palette.js";
import { encodePng } from "./png-encode.js";

const SIZES = [
  [1, 1],
  [13, 7],
  [120, 90],
  [64, 257],
] as const;

function picture(k: number, width: number, height: number): Uint8Array {
  return toPaletteIndexes(drawCat(k, width, height, 0), width, height);
}

/** The RGB a palette index stands for. */
const rgbOf = (index: number) => [...PALETTE.subarray(index * 3, index * 3 + 3)];

describe("encodePng", () => {
  test.each(SIZES)("a %ix%i picture decodes with pngjs to the same pixels", (width, height) => {
    const indexes = picture(3, width, height);
    const decoded = PNG.sync.read(Buffer.from(encodePng(indexes, width, height)));
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    for (let p = 0; p < width * height; p += Math.max(1, Math.floor((width * height) / 50))) {
      expect([...decoded.data.subarray(p * 4, p * 4 + 3)]).toEqual(rgbOf(indexes[p]!));
    }
  });

  test("is deterministic and compresses a drawing well", () => {
    const a = encodePng(picture(1, 400, 300), 400, 300);
    expect(encodePng(picture(1, 400, 300), 400, 300)).toEqual(a);
    expect(a.length).toBeLessThan(400 * 300 * 0.25);
  });

  test("refuses sizes that do not match the pixels", () => {
    expect(() => encodePng(new Uint8Array(10), 10, 10)).toThrow(TypeError);
  });
});

describe("encodeGif", () => {
  test.each(SIZES)("a %ix%i picture decodes with omggif to the same pixels", (width, height) => {
    const indexes = picture(2, width, height);
    const reader = new omggif.GifReader(Buffer.from(encodeGif(indexes, width, height)));
    expect([reader.width, reader.height, reader.numFrames()]).toEqual([width, height, 1]);
    const rgba = new Uint8Array(width * height * 4);
    reader.decodeAndBlitFrameRGBA(0, rgba);
    for (let p = 0; p < width * height; p++) expect([...rgba.subarray(p * 4, p * 4 + 3)]).toEqual(rgbOf(indexes[p]!));
  });

  test("a picture long enough to fill the LZW table several times round-trips", () => {
    const width = 500;
    const height = 400;
    const indexes = new Uint8Array(width * height).map((_, i) => (i * 7919) % 251);
    const reader = new omggif.GifReader(Buffer.from(encodeGif(indexes, width, height)));
    const rgba = new Uint8Array(width * height * 4);
    reader.decodeAndBlitFrameRGBA(0, rgba);
    for (let p = 0; p < width * height; p += 97) expect([...rgba.subarray(p * 4, p * 4 + 3)]).toEqual(rgbOf(indexes[p]!));
  });
});

describe("labelledImage", () => {
  const label = new TextEncoder().encode("emulator-kit test image=1;");
  const padding = noiseBytes(12345, 700);

  test("a labelled JPEG decodes to the template's picture and ends in EOI", () => {
    const template = encodeJpeg(drawCat(0, 40, 30), 40, 30, 80);
    const bytes = imageBytes(labelledImage("jpeg", template, label, padding));
    expect(bytes.length).toBe(template.length + 4 + label.length + padding.length);
    expect([bytes[bytes.length - 2], bytes[bytes.length - 1]]).toEqual([0xff, 0xd9]);
    expect(jpeg.decode(bytes, { useTArray: true }).data).toEqual(jpeg.decode(template, { useTArray: true }).data);
  });

  test("a labelled PNG passes pngjs's CRC checks, decodes to the template's pixels and ends in IEND", () => {
    const template = encodePng(picture(4, 50, 40), 50, 40);
    const bytes = imageBytes(labelledImage("png", template, label, padding));
    expect(bytes.length).toBe(template.length + 12 + label.length + padding.length);
    expect(Buffer.from(bytes.subarray(-8)).toString("latin1")).toBe("IEND\xae\x42\x60\x82");
    expect(PNG.sync.read(Buffer.from(bytes), { checkCRC: true }).data).toEqual(PNG.sync.read(Buffer.from(template)).data);
  });

  test("a labelled GIF decodes to the template's pixels and ends in its trailer", () => {
    const template = encodeGif(picture(5, 50, 40), 50, 40);
    const bytes = imageBytes(labelledImage("gif", template, label, padding));
    expect(bytes[bytes.length - 1]).toBe(0x3b);
    const frame = (b: Uint8Array) => {
      const out = new Uint8Array(50 * 40 * 4);
      new omggif.GifReader(Buffer.from(b)).decodeAndBlitFrameRGBA(0, out);
      return out;
    };
    expect(frame(bytes)).toEqual(frame(template));
  });
});
