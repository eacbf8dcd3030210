import type { BenchOptions } from "./args.js";

export interface HarvestResult {
  how: string;
  scale: number;
  rateLimit: number;
  apiRequests: number;
  apiPhaseSec: number;
  apiRequestsPerSec: number;
  tooMany: number;
  photoRequests: number;
  downloadPhaseSec: number;
  wallSec: number;
  cpuSec: number;
  peakRssMB: number;
  stored: number;
  clientCeiling?: number;
  note?: string;
}

export async function benchHarvest(
  _options: BenchOptions,
  _workDir: string,
  log: (line: string) => void,
  _built: Map<string, boolean>,
): Promise<HarvestResult | undefined> {
  log("Harvest: not wired yet");
  return undefined;
}
