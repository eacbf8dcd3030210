import type { TruthEntry } from "./truth.js";

/**
 * A running emulator's ground truth, parsed: every entry, or those a query keeps
 * (`"?breed_ids=beng"`, `"?has_breeds=1"`, `"?mime_types=gif"`).
 */
export async function readTruth(emulator: { readonly url: string }, query = ""): Promise<TruthEntry[]> {
  const response = await fetch(`${emulator.url}/_emulator/truth${query}`);
  if (!response.ok) throw new Error(`GET ${emulator.url}/_emulator/truth${query} answered ${response.status}`);
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as TruthEntry);
}
