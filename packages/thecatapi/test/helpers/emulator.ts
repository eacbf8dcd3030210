import { type CatApiEmulator, type CatApiEmulatorOptions, startCatApiEmulator } from "@cat-harvest/thecatapi-emulator";

export { readTruth } from "@cat-harvest/thecatapi-emulator";

/** Starts a small emulator (no rate limit unless asked). */
export function startSmall(options: CatApiEmulatorOptions = {}): Promise<CatApiEmulator> {
  return startCatApiEmulator({ seed: 3, scale: 0.02, rateLimit: 0, ...options });
}
