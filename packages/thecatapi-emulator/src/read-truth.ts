import { readTruthLines } from "@cat-harvest/emulator-kit";
import type { TruthEntry } from "./truth.js";

/**
 * A running emulator's ground truth, parsed: every entry, or those a query keeps
 * (`"?breed_ids=beng"`, `"?has_breeds=1"`, `"?mime_types=gif"`).
 */
export function readTruth(emulator: { readonly url: string }, query = ""): Promise<TruthEntry[]> {
  return readTruthLines<TruthEntry>(emulator, query);
}
