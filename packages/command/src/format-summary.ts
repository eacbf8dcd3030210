import type { BreedCount } from "@cat-harvest/harvest";
import { printable } from "./printable.js";

// One formatter for the summary and the report.
export { formatBytes } from "@cat-harvest/report";

/**
 * The per-breed table (the write-up's value_counts), with a total line. Names are `printable`
 * (a newline or an escape sequence in a label shows as `\n`, `\u001b`), so the columns line up.
 */
export function formatBreedTable(given: readonly BreedCount[]): string {
  if (given.length === 0) return "(no images stored)";
  const counts = given.map((c) => ({ ...c, breed: printable(c.breed), folder: printable(c.folder) }));
  const total = counts.reduce((sum, c) => sum + c.images, 0);
  const totalLabel = `total (${counts.length} breed${counts.length === 1 ? "" : "s"})`;
  const breedWidth = Math.max(totalLabel.length, ...counts.map((c) => c.breed.length));
  const folderWidth = Math.max(6, ...counts.map((c) => c.folder.length));
  const imagesWidth = Math.max(6, String(total).length);
  const line = (a: string, b: string, c: string) => `${a.padEnd(breedWidth)}  ${b.padEnd(folderWidth)}  ${c.padStart(imagesWidth)}`;
  return [line("breed", "folder", "images"), ...counts.map((c) => line(c.breed, c.folder, String(c.images))), line(totalLabel, "", String(total))].join("\n");
}

/** `{ "http-404": 2, truncated: 1 }` -> `http-404: 2, truncated: 1`. */
export function formatReasons(reasons: Readonly<Record<string, number>>): string {
  return Object.entries(reasons)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${reason}: ${n}`)
    .join(", ");
}
