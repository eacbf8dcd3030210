import { sha256OfText } from "./hash-stream.js";

const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp)$/i;

/**
 * The stable file name of a URL with no record behind it: 16 hex digits of its SHA-256 plus
 * the extension its path shows (`.jpg` when it shows none), so re-runs and edited lists agree.
 */
export function urlFileName(url: string): string {
  const ext = IMAGE_EXTENSION.exec(new URL(url).pathname)?.[0]?.toLowerCase().replace(".jpeg", ".jpg") ?? ".jpg";
  return `${sha256OfText(url).slice(0, 16)}${ext}`;
}
