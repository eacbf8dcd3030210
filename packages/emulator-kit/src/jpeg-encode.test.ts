import jpeg from "jpeg-js";
import { describe, expect, test } from "vitest";
import { encodeJpeg } from "./jpeg-encode.js";

function solid(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], i * 4);
  return data;
}

describe("encodeJpeg", () => {
  test.each([
    [8, 8, [200, 30, 30]],
    [13, 7, [10, 220, 90]],
    [100, 75, [128, 128, 128]],
    [33, 65, [0, 0, 255]],
  ] as Array<[number, number, [number, number, number]]>)("a %ix%i image of %j decodes with jpeg-js to the same size and colour", (w, h, rgb) => {
    const bytes = encodeJpeg(solid(w, h, rgb), w, h, 90);
    const decoded = jpeg.decode(bytes, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([w, h]);
    const mid = (Math.floor(h / 2) * w + Math.floor(w / 2)) * 4;
    for (let c = 0; c < 3; c++) expect(Math.abs(decoded.data[mid + c]! - rgb[c]!)).toBeLessThanOrEqual(6);
  });

  test("keeps detail: a gradient with noise round-trips close to the source", () => {
    const w = 64;
    const h = 48;
    const data = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x * 4, y * 5, (x * y) % 256, 255], (y * w + x) * 4);
    const decoded = jpeg.decode(encodeJpeg(data, w, h, 90), { useTArray: true });
    let error = 0;
    for (let i = 0; i < data.length; i += 4) error += Math.abs(decoded.data[i]! - data[i]!);
    expect(error / (w * h)).toBeLessThan(8);
  });

  test("refuses sizes that do not match the pixels", () => {
    expect(() => encodeJpeg(new Uint8Array(10), 10, 10)).toThrow(TypeError);
  });
});
