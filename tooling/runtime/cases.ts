/**
 * A runtime smoke case: a name and an async body that throws on failure. Each package's
 * `test/runtime/smoke.ts` exports `cases: SmokeCase[]`; the runners below register them
 * with `bun test` and `deno test`, so the same checks run on both runtimes against the
 * package's built `dist/` (what npm users get).
 */
export interface SmokeCase {
  readonly name: string;
  readonly fn: () => Promise<void> | void;
  /** Milliseconds; 60 s by default. */
  readonly timeout?: number;
}
