import type { HarvestProgress } from "@cat-harvest/harvest";

/** Adds up a progress snapshot into a one-line text: for logs when stdout is not a terminal. */
export function formatProgressLine(p: HarvestProgress, now = Date.now()): string {
  const seconds = Math.max(0.001, (now - p.startedAt) / 1000);
  const rate = p.stored / seconds;
  const remaining = Math.max(0, p.queued - p.stored - p.failed - p.duplicates);
  const eta = rate > 0 && p.phase === "download" ? ` eta ${formatDuration(remaining / rate)}` : "";
  return (
    `breeds ${p.breedsDone}/${p.breedsTotal} | records ${p.records} | stored ${p.stored}` +
    (p.existing ? ` (+${p.existing} earlier)` : "") +
    ` | failed ${p.failed} | ${(p.bytes / 1e6).toFixed(1)} MB | ${rate.toFixed(1)} files/s${eta}`
  );
}

/** `75` -> `1m15s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
