/** A worker's `--stalled-after` as its lock and stalled-check times. */
export function stalledOptions(parsed: { readonly stalledAfter?: number }): { lockDurationMs?: number; stalledIntervalMs?: number } {
  return parsed.stalledAfter ? { lockDurationMs: parsed.stalledAfter * 1000, stalledIntervalMs: (parsed.stalledAfter * 1000) / 2 } : {};
}
