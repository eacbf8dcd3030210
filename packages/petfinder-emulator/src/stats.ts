import type { RequestStats } from "@cat-harvest/emulator-kit";

/** What `/_emulator/stats` reports: the kit's counters plus the tokens issued. */
export interface EmulatorStats extends RequestStats {
  /** Tokens issued. */
  tokens: number;
}
