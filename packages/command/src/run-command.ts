import { HarvestError } from "@cat-harvest/harvest";
import { breedsCommand } from "./commands/breeds-command.js";
import { downloadCommand } from "./commands/download-command.js";
import { emulatorCommand } from "./commands/emulator-command.js";
import { harvestCommand } from "./commands/harvest-command.js";
import { reportCommand } from "./commands/report-command.js";
import { statusCommand } from "./commands/status-command.js";
import { verifyCommand } from "./commands/verify-command.js";
import { workerCommand } from "./commands/worker-command.js";
import type { CommandIO } from "./command-io.js";
import { CommandError, CommandUsageError } from "./errors.js";
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { helpText } from "./help-text.js";
import { parseCommandLine, type ParsedCommand } from "./parse-command-line.js";
import { printableIO } from "./printable.js";

/**
 * Parses `argv` and runs the command, resolving with the exit code (see `EXIT_*`). Errors are
 * reported on `io.stderr`, never thrown, and with `--json` also as one JSON object on
 * `io.stdout` (`{"error": {"name", "message", "flag"?}, "exitCode"}`); secrets never appear in
 * what is written, and every control character in it is escaped (`printable`).
 *
 * @example
 * process.exitCode = await runCommand(process.argv.slice(2), { env: process.env, stdout: console.log, stderr: console.error, signal });
 */
export async function runCommand(argv: readonly string[], given: CommandIO): Promise<number> {
  const io = printableIO(given);
  let parsed: ParsedCommand;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    return report(error, EXIT_USAGE, asksForJson(argv), io);
  }
  const json = "json" in parsed && parsed.json;
  try {
    return await dispatch(parsed, io);
  } catch (error) {
    if (io.signal.aborted && !HarvestError.isInstance(error) && !CommandError.isInstance(error)) {
      return report(new Error("Interrupted."), EXIT_INTERRUPTED, json, io, "Interrupted.");
    }
    return report(error, CommandUsageError.isInstance(error) ? EXIT_USAGE : EXIT_FAILURE, json, io);
  }
}

/** Whether a command line that could not be parsed asked for `--json` (before any `--`). */
function asksForJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

/** Tells of the error that ends the run (on stderr, and as JSON on stdout with `--json`); returns `exitCode`. */
function report(error: unknown, exitCode: number, json: boolean, io: CommandIO, text = `error: ${describeError(error)}`): number {
  io.stderr(text);
  if (json) {
    const name = error instanceof Error ? error.name : "Error";
    const flag = CommandUsageError.isInstance(error) ? { flag: error.option } : {};
    io.stdout(JSON.stringify({ error: { name, message: describeError(error), ...flag }, exitCode }));
  }
  return exitCode;
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
    case "worker":
      return workerCommand(parsed, io);
    case "status":
      return statusCommand(parsed, io);
    case "emulator":
      return emulatorCommand(parsed, io);
    case "verify":
      return verifyCommand(parsed, io);
    case "report":
      return reportCommand(parsed, io);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error && !error.message.includes(error.cause.message) ? ` (${error.cause.message})` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
