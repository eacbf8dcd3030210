/**
 * The command-line glue both apps share (the Bun CLI and the Deno script): arguments,
 * environment, destinations on disk or S3, progress and exit codes. It uses `node:*`
 * modules, which Node, Bun and Deno all provide; the pipeline in the package root does not.
 *
 * @module
 */
export { parseCommandLine, USAGE, type ApiFlags, type ParsedCommand } from "./parse-command-line.js";
export { openDestination, s3SettingsFromEnv, type Env, type OpenedDestination } from "./open-destination.js";
export { createLineProgressView, DEFAULT_OUT, DEMO_OUT, DEMO_SCALE, runCommand, type CommandIO, type ProgressView } from "./run-command.js";
export { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE } from "../exit-codes.js";
