import { publicUrl } from "@cat-harvest/http";

/** Characters of a list's line or URL that a message or a failure row quotes. */
export const EXCERPT_CHARS = 80;

/**
 * The start of `text` as a message may quote it: without credentials (`publicUrl`), and cut
 * to `max` characters with `…` when longer, so no input, however long, is echoed whole.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const shown = publicUrl(text.length > max * 4 ? text.slice(0, max * 4) : text);
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}
