import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { createPetfinderClient, PetfinderError, type PetfinderClient } from "@cat-harvest/petfinder";
import { startEmulator } from "@cat-harvest/petfinder-emulator";
import { downloadList } from "../download-list.js";
import { HarvestCredentialsError, HarvestDestinationError, HarvestError, HarvestUnknownBreedError, HarvestUsageError } from "../errors.js";
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE } from "../exit-codes.js";
import { formatBreedTable, formatBytes, formatReasons } from "../format-summary.js";
import { harvest, type HarvestSummary } from "../harvest.js";
import { openDestination, type Env, type OpenedDestination } from "./open-destination.js";
import { parseCommandLine, USAGE, type ApiFlags, type ParsedCommand } from "./parse-command-line.js";
import { parseDestination } from "../parse-destination.js";
import { formatDuration, formatProgressLine, type HarvestProgress } from "../progress.js";
import { verifyDataset } from "../verify.js";

/** Emulator scale `--demo` uses: about 600 records, done in seconds. */
export const DEMO_SCALE = 0.02;
/** Where `--demo` writes when no --out is given. */
export const DEMO_OUT = "cat-harvest-demo";
/** Where a harvest writes when no --out is given. */
export const DEFAULT_OUT = "cat_breeds";

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

/** A progress view that writes a plain line at most every `intervalMs`, for logs and pipes. */
export function createLineProgressView(write: (line: string) => void, intervalMs = 2000): ProgressView {
  let last = 0;
  let latest: HarvestProgress | undefined;
  return {
    update(progress) {
      latest = progress;
      const now = Date.now();
      if (now - last >= intervalMs) {
        last = now;
        write(formatProgressLine(progress, now));
      }
    },
    log: write,
    stop() {
      if (latest) write(formatProgressLine(latest));
    },
  };
}

/**
 * Parses `argv` and runs the command, resolving with the exit code (see `EXIT_*`). Errors are
 * reported on `io.stderr`, never thrown; secrets never appear in what is written.
 *
 * @example
 * process.exitCode = await runCommand(process.argv.slice(2), { env: process.env, stdout: console.log, stderr: console.error, signal });
 */
export async function runCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  let parsed: ParsedCommand;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}`);
    return EXIT_USAGE;
  }
  try {
    switch (parsed.command) {
      case "help":
        io.stdout(USAGE);
        return EXIT_OK;
      case "version":
        io.stdout(io.version ?? "unknown");
        return EXIT_OK;
      case "harvest":
        return await harvestCommand(parsed, io);
      case "breeds":
        return await breedsCommand(parsed, io);
      case "download":
        return await downloadCommand(parsed, io);
      case "emulator":
        return await emulatorCommand(parsed, io);
      case "verify":
        return await verifyCommand(parsed, io);
    }
  } catch (error) {
    if (io.signal.aborted && !HarvestError.isInstance(error)) {
      io.stderr("Interrupted.");
      return EXIT_INTERRUPTED;
    }
    io.stderr(`error: ${describeError(error)}`);
    return error instanceof HarvestUsageError || error instanceof HarvestUnknownBreedError ? EXIT_USAGE : EXIT_FAILURE;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error && !error.message.includes(error.cause.message) ? ` (${error.cause.message})` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** A DEST that cannot be parsed is a usage error (exit 2), unlike one that cannot be written. */
function checkDest(option: string, dest: string) {
  try {
    return parseDestination(dest);
  } catch (error) {
    throw new HarvestUsageError(option, (error as Error).message, { cause: error });
  }
}

interface ApiSession {
  readonly client: PetfinderClient;
  stop(): Promise<void>;
}

/** The client for --demo (a bundled emulator on a free loopback port) or for the real API. */
async function openApi(flags: ApiFlags, io: CommandIO, scale = DEMO_SCALE): Promise<ApiSession> {
  if (flags.demo) {
    const emulator = await startEmulator({ seed: 1, scale, host: "127.0.0.1", port: 0, clientId: "demo", clientSecret: "demo" });
    io.stderr(`Demo: the bundled Petfinder emulator is serving at ${emulator.url} (scale ${scale}); no account or network needed.`);
    const client = createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: emulator.url });
    return { client, stop: () => emulator.stop() };
  }
  const clientId = flags.clientId ?? io.env.PETFINDER_CLIENT_ID;
  const clientSecret = flags.clientSecret ?? io.env.PETFINDER_CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    const missing = [!clientId && "PETFINDER_CLIENT_ID", !clientSecret && "PETFINDER_CLIENT_SECRET"].filter(Boolean).join(" and ");
    throw new HarvestCredentialsError(
      `No Petfinder credentials: set ${missing} (or pass --client-id and --client-secret). ` +
        `No account? \`${io.programName ?? "cat-harvest"} --demo\` harvests from the bundled emulator with none.`,
    );
  }
  const client = createPetfinderClient({ clientId, clientSecret, ...(flags.apiUrl ? { baseUrl: flags.apiUrl } : {}) });
  return { client, stop: async () => {} };
}

async function harvestCommand(parsed: Extract<ParsedCommand, { command: "harvest" }>, io: CommandIO): Promise<number> {
  const out = parsed.out ?? (parsed.demo ? DEMO_OUT : DEFAULT_OUT);
  checkDest("out", out); // A bad DEST fails before anything starts.
  // Checks before any work: credentials, then DEST (writable folder, reachable bucket).
  const api = await openApi(parsed, io, parsed.scale);
  let opened: OpenedDestination;
  try {
    opened = await openDestination(out, io.env);
  } catch (error) {
    await api.stop();
    throw error;
  }
  const view = parsed.json ? undefined : (io.createProgressView?.() ?? createLineProgressView(io.stderr));
  let summary: HarvestSummary;
  try {
    summary = await harvest({
      client: api.client,
      storage: () => {
        view?.log(`Writing into ${opened.description}`);
        return opened.openStorage();
      },
      cache: opened.cache,
      type: parsed.type,
      breeds: parsed.breeds,
      ...(parsed.perBreed !== undefined ? { perBreed: parsed.perBreed } : {}),
      ...(parsed.cap !== undefined ? { cap: parsed.cap } : {}),
      ...(parsed.size !== undefined ? { size: parsed.size } : {}),
      ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}),
      refresh: parsed.refresh,
      signal: io.signal,
      ...(view ? { onProgress: (p: HarvestProgress) => view.update(p), onLog: (line: string) => view.log(line) } : {}),
    });
  } finally {
    view?.stop();
    await opened.close();
    await api.stop();
  }
  return reportHarvest(summary, opened.description, parsed.json, io);
}

function reportHarvest(summary: HarvestSummary, where: string, json: boolean, io: CommandIO): number {
  const code = summary.status === "complete" ? EXIT_OK : summary.status === "interrupted" ? EXIT_INTERRUPTED : EXIT_PARTIAL;
  if (json) {
    io.stdout(JSON.stringify({ ...summary, destination: where, exitCode: code }));
    return code;
  }
  io.stdout(`\nData set: ${where}: ${summary.files} files, ${formatBytes(summary.totalBytes)} (metadata.jsonl, failures.jsonl, breeds.csv)`);
  io.stdout(
    `This run: ${summary.records} records, ${summary.stored} stored (${formatBytes(summary.bytes)}), ${summary.existing} already there, ` +
      `${summary.failed} failed, ${summary.duplicates} duplicates dropped, ${summary.overCap} over the cap, in ${formatDuration(summary.durationMs / 1000)}`,
  );
  io.stdout("");
  io.stdout(formatBreedTable(summary.counts));
  if (summary.failed > 0) io.stdout(`\nFailures (${summary.failed}, listed in failures.jsonl): ${formatReasons(summary.failureReasons)}`);
  if (summary.quotaResetAt) io.stdout(`\nThe daily API quota ran out; it resets at ${summary.quotaResetAt}. Run the same command again then to continue.`);
  for (const { breed, message } of summary.apiErrors) io.stdout(`Records of ${breed} could not be fetched: ${message}`);
  if (summary.status === "interrupted") io.stdout("\nInterrupted: what was stored is listed in metadata.jsonl. Run the same command again to resume.");
  else if (summary.status === "partial") io.stdout("\nNot everything is in: run the same command again to retry what failed.");
  return code;
}

async function breedsCommand(parsed: Extract<ParsedCommand, { command: "breeds" }>, io: CommandIO): Promise<number> {
  const api = await openApi(parsed, io);
  try {
    const breeds = await api.client.breeds(parsed.type, { signal: io.signal }).catch((error: unknown) => {
      if (PetfinderError.isInstance(error) && error.name === "PetfinderAuthError") {
        throw new HarvestCredentialsError("Petfinder refused the credentials. Check PETFINDER_CLIENT_ID and PETFINDER_CLIENT_SECRET, or try --demo.", { cause: error });
      }
      throw error;
    });
    if (parsed.json) io.stdout(JSON.stringify(breeds.map((b) => b.name)));
    else for (const breed of breeds) io.stdout(breed.name);
    return EXIT_OK;
  } finally {
    await api.stop();
  }
}

async function downloadCommand(parsed: Extract<ParsedCommand, { command: "download" }>, io: CommandIO): Promise<number> {
  checkDest("out", parsed.out);
  const info = await stat(parsed.input).catch(() => undefined);
  if (!info?.isFile()) throw new HarvestUsageError("input", `--input ${JSON.stringify(parsed.input)} is not a readable file`);
  const opened = await openDestination(parsed.out, io.env);
  const view = parsed.json ? undefined : (io.createProgressView?.() ?? createLineProgressView(io.stderr));
  try {
    const summary = await downloadList({
      input: Readable.toWeb(createReadStream(parsed.input)) as ReadableStream<Uint8Array>,
      inputName: parsed.input,
      storage: await opened.openStorage(),
      ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}),
      signal: io.signal,
      ...(view ? { onProgress: (p: HarvestProgress) => view.update(p), onLog: (line: string) => view.log(line) } : {}),
    });
    view?.stop();
    return reportHarvest(summary, opened.description, parsed.json, io);
  } finally {
    view?.stop();
    await opened.close();
  }
}

async function emulatorCommand(parsed: Extract<ParsedCommand, { command: "emulator" }>, io: CommandIO): Promise<number> {
  const { command: _, ...options } = parsed;
  const emulator = await startEmulator(options);
  io.stdout(`listening on ${emulator.url}`);
  io.stderr(`Petfinder emulator: client id "${options.clientId}", scale ${options.scale}, seed ${options.seed}. Ground truth at ${emulator.url}/_emulator/truth. Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await emulator.stop();
  return EXIT_OK;
}

async function verifyCommand(parsed: Extract<ParsedCommand, { command: "verify" }>, io: CommandIO): Promise<number> {
  const destination = checkDest("dest", parsed.dest);
  if (destination.kind !== "s3" && !(await stat(destination.path).catch(() => undefined))) {
    throw new HarvestDestinationError(parsed.dest, "it does not exist");
  }
  const opened = await openDestination(parsed.dest, io.env);
  try {
    const result = await verifyDataset(await opened.openStorage(), { signal: io.signal });
    const bad = result.missing.length + result.corrupted.length + result.duplicates.length;
    const code = bad === 0 ? EXIT_OK : EXIT_PARTIAL;
    if (parsed.json) {
      io.stdout(JSON.stringify({ destination: opened.description, ...result, exitCode: code }));
      return code;
    }
    io.stdout(`Verified ${opened.description}: ${result.ok} of ${result.checked} files match metadata.jsonl.`);
    for (const key of result.missing) io.stdout(`missing: ${key}`);
    for (const m of result.corrupted) io.stdout(`corrupted: ${m.file_name} (expected ${m.expected.bytes} bytes sha256 ${m.expected.sha256}, found ${m.actual.bytes} bytes sha256 ${m.actual.sha256})`);
    for (const key of result.duplicates) io.stdout(`listed twice: ${key}`);
    if (result.unlisted.length > 0) io.stdout(`${result.unlisted.length} stored files are not listed (left by an interrupted run; the next harvest run takes them up): ${result.unlisted.slice(0, 5).join(", ")}${result.unlisted.length > 5 ? ", ..." : ""}`);
    if (bad > 0) io.stdout(`Problems found: ${result.missing.length} missing, ${result.corrupted.length} corrupted. Run the harvest again to fetch them anew.`);
    return code;
  } finally {
    await opened.close();
  }
}
