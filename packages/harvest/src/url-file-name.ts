import { splitUrlCredentials } from "@cat-harvest/http";
import { sha256OfText } from "./hash-stream.js";

const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp)$/i;

/**
 * The stable file name of a URL with no record behind it: 16 hex digits of its SHA-256 plus
 * the extension its path shows (`.jpg` when it shows none), so re-runs and edited lists agree.
 * A user name and password in the URL are left out of the hash: a file name must not let
 * anyone test guesses at a password.
 */
export function urlFileName(url: string): string {
  const ext = IMAGE_EXTENSION.exec(new URL(url).pathname)?.[0]?.toLowerCase().replace(".jpeg", ".jpg") ?? ".jpg";
  return `${sha256OfText(splitUrlCredentials(url).url).slice(0, 16)}${ext}`;
}
