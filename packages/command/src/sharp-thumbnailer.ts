import type { Thumbnailer } from "@cat-harvest/report";
import { loadSharp } from "./load-sharp.js";

/** WebP quality of a thumbnail: small files, faces still recognisable. */
const WEBP_QUALITY = 60;
/** WebP encoder effort (0 to 6): at 128 pixels, a higher effort saves a few bytes for much more time. */
const WEBP_EFFORT = 1;

/**
 * A thumbnailer for `writeReport` made with sharp: turned upright (EXIF), shrunk to fit
 * `size` pixels, WebP. Refuses a photo sharp cannot decode whole.
 */
export async function createSharpThumbnailer(): Promise<Thumbnailer> {
  const sharp = await loadSharp();
  return async (photo, size) => {
    const { data, info } = await sharp(photo, { failOn: "error", limitInputPixels: 100_000_000 })
      .rotate()
      .resize(size, size, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: WEBP_QUALITY, effort: WEBP_EFFORT })
      .toBuffer({ resolveWithObject: true });
    return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), type: "image/webp", width: info.width, height: info.height };
  };
}
