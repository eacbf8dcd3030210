import { HarvestError } from "@cat-harvest/harvest";
import { breedsCommand } from "./commands/breeds-command.js";
import { downloadCommand } from "./commands/download-command.js";
import { emulatorCommand } from "./commands/emulator-command.js";
import { harvestCommand } from "./commands/harvest-command.js";
import { verifyCommand } from "./commands/verify-command.js";
import type { CommandIO } from "./command-io.js";
import { CommandError, CommandUsageError } from "./errors.js";
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { helpText } from "./help-text.js";
import { parseCommandLine, type ParsedCommand } from "./parse-command-line.js";

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
    return await dispatch(parsed, io);
  } catch (error) {
    if (io.signal.aborted && !HarvestError.isInstance(error) && !CommandError.isInstance(error)) {
      io.stderr("Interrupted.");
      return EXIT_INTERRUPTED;
    }
    io.stderr(`error: ${describeError(error)}`);
    return CommandUsageError.isInstance(error) ? EXIT_USAGE : EXIT_FAILURE;
  }
}

function dispatch(parsed: ParsedCommand, io: CommandIO): Promise<number> {
  switch (parsed.command) {
    case "help":
      io.stdout(helpText(parsed.topic));
      return Promise.resolve(EXIT_OK);
    case "version":
      io.stdout(io.version ?? "unknown");
      return Promise.resolve(EXIT_OK);
    case "harvest":
      return harvestCommand(parsed, io);
    case "breeds":
      return breedsCommand(parsed, io);
    case "download":
      return downloadCommand(parsed, io);
    case "emulator":
      return emulatorCommand(parsed, io);
    case "verify":
      return verifyCommand(parsed, io);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error && !error.message.includes(error.cause.message) ? ` (${error.cause.message})` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
