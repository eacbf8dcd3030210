/** One target from issue 8, with what was measured and whether it held. */
export interface TargetResult {
  target: string;
  measured: string;
  /** "pass", "miss", or "n/a" when its inputs could not be measured. */
  verdict: "pass" | "miss" | "n/a";
}

export function check(target: string, measured: string, ok: boolean | undefined): TargetResult {
  return { target, measured, verdict: ok === undefined ? "n/a" : ok ? "pass" : "miss" };
}
