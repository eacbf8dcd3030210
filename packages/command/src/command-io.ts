import type { HarvestProgress } from "@cat-harvest/harvest";

/** The environment variables the command reads (the app passes them in). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Shows a run's progress; the CLI draws a bar on a terminal, the default writes lines. */
export interface ProgressView {
  update(progress: HarvestProgress): void;
  /** A notable event, printed without breaking the bar. */
  log(line: string): void;
  stop(): void;
}

/** What a command may touch: the app passes its runtime's streams, env and signal. */
export interface CommandIO {
  /** The environment (PETFINDER_*, AWS_*). */
  readonly env: Env;
  /** Writes a line (no trailing newline needed) to standard output. */
  readonly stdout: (line: string) => void;
  /** Writes a line to standard error. */
  readonly stderr: (line: string) => void;
  /** Aborted on Ctrl-C / SIGTERM: the run stops cleanly and writes its metadata. */
  readonly signal: AbortSignal;
  /** A live view for terminals; without it progress goes to stderr as lines every few seconds. */
  readonly createProgressView?: () => ProgressView;
  /** For `--version`. */
  readonly version?: string;
  /** Who is running: shown in messages (`cat-harvest`, `deno run ... harvest.ts`). */
  readonly programName?: string;
}
