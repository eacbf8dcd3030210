import { type CatApiEmulator, type CatApiEmulatorOptions, startCatApiEmulator, type TruthEntry } from "@cat-harvest/thecatapi-emulator";

/** Starts a small emulator (no rate limit unless asked). */
export function startSmall(options: CatApiEmulatorOptions = {}): Promise<CatApiEmulator> {
  return startCatApiEmulator({ seed: 3, scale: 0.02, rateLimit: 0, ...options });
}

/** The emulator's ground truth, optionally narrowed ("?breed_ids=beng"). */
export async function readTruth(emulator: CatApiEmulator, query = ""): Promise<TruthEntry[]> {
  const text = await (await fetch(`${emulator.url}/_emulator/truth${query}`)).text();
  return text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TruthEntry);
}
