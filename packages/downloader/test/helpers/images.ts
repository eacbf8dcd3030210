import jpeg from "jpeg-js";

/** A real baseline JPEG of the given size (noise, so bodies differ by seed and do not compress away). */
export function makeJpeg(width: number, height: number, seed = 1): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  let x = seed * 2654435761;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = i % 4 === 3 ? 255 : (x >>> 16) & 0xff;
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 80).data);
}

/** A minimal PNG header plus IEND (enough for magic, IHDR dimensions and the end check). */
export function makePng(width: number, height: number): Uint8Array {
  const out = new Uint8Array(8 + 25 + 12);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, 13);
  out.set([0x49, 0x48, 0x44, 0x52], 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  out.set([8, 6, 0, 0, 0], 24);
  out.set([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], 33);
  return out;
}

/** A GIF89a logical screen descriptor plus trailer. */
export function makeGif(width: number, height: number): Uint8Array {
  const out = new Uint8Array(14);
  out.set([0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 0);
  out[6] = width & 0xff;
  out[7] = width >> 8;
  out[8] = height & 0xff;
  out[9] = height >> 8;
  out[13] = 0x3b;
  return out;
}

/** A WebP (VP8X) header whose RIFF length matches its size. */
export function makeWebp(width: number, height: number): Uint8Array {
  const out = new Uint8Array(30);
  const view = new DataView(out.buffer);
  out.set([0x52, 0x49, 0x46, 0x46], 0);
  view.setUint32(4, out.length - 8, true);
  out.set([0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x58], 8);
  view.setUint32(16, 10, true);
  const w = width - 1;
  const h = height - 1;
  out.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 24);
  return out;
}
