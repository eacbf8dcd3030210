import { hashInts, unit } from "@cat-harvest/emulator-kit";
import type { Dataset } from "./dataset.js";

/** Share of photos that are byte-identical re-posts of another animal's photo. */
export const REPOST_RATE = 0.015;

/** Whether photo `photo` (1-based) of animal `index` re-posts another photo rather than being its own. */
export function isRepostCandidate(data: Pick<Dataset, "seed" | "ids">, index: number, photo: number): boolean {
  return unit(hashInts(data.seed, 0x4e9057, data.ids[index]!, photo)) < REPOST_RATE;
}
