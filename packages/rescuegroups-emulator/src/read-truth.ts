import { readTruthLines } from "@cat-harvest/emulator-kit";
import type { TruthEntry } from "./truth.js";

/**
 * A running emulator's ground truth, parsed: every entry, or those a query keeps
 * (`"?breedPrimaryId=35"`, `"?size=large"`, both).
 */
export function readTruth(emulator: { readonly url: string }, query = ""): Promise<TruthEntry[]> {
  return readTruthLines<TruthEntry>(emulator, query);
}
