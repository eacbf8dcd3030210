import process from "node:process";
import { CliUsageError } from "./cli-flags.js";

/** What `runEmulatorCommand` needs to know of one emulator's command. */
export interface EmulatorCommand<O> {
  /** The command's name, at the start of every message. */
  readonly name: string;
  readonly help: string;
  /** Parses argv into options, or `{ help: true }`; throws `CliUsageError`. */
  parse(argv: readonly string[]): { help: true } | { help: false; options: O };
  start(options: O): Promise<{ readonly url: string; stop(): Promise<void> }>;
}

/**
 * Runs an emulator command: prints `listening on URL` as the first line, stops cleanly on
 * SIGINT or SIGTERM. Exit codes: 0 stopped cleanly, 1 could not start, 2 bad command line.
 */
export async function runEmulatorCommand<O>(command: EmulatorCommand<O>, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let parsed: ReturnType<EmulatorCommand<O>["parse"]>;
  try {
    parsed = command.parse(argv);
  } catch (error) {
    if (!CliUsageError.isInstance(error)) throw error;
    process.stderr.write(`${command.name}: ${error.message}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(command.help);
    return;
  }
  let emulator: Awaited<ReturnType<EmulatorCommand<O>["start"]>>;
  try {
    emulator = await command.start(parsed.options);
  } catch (error) {
    process.stderr.write(`${command.name}: ${(error as Error).message}\n`);
    process.exit(error instanceof TypeError ? 2 : 1);
  }
  process.stdout.write(`listening on ${emulator.url}\n`);
  const shutdown = () => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
