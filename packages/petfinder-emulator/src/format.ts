/** Formats Unix seconds the way the API does: `2024-11-07T03:27:19+0000` (offset without a colon). */
export function apiDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "+0000");
}

/** A lower-case URL slug: "Willamette Cat Rescue" -> "willamette-cat-rescue". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Cuts text to about 100 characters plus "...", never inside an HTML entity. */
export function truncate(text: string, max = 100): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const amp = cut.lastIndexOf("&");
  if (amp >= 0 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  return `${cut.trimEnd()}...`;
}
