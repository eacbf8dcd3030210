/**
 * The cat-harvest command line both apps share (the `cat-harvest` bundle and the Deno script):
 * arguments, help, the environment, destinations on disk or S3, progress, summaries and exit
 * codes. It uses `node:*` modules, which Node, Bun and Deno all provide.
 *
 * @module
 */
export { runCommand } from "./run-command.js";
export { parseCommandLine, type ApiFlags, type ParsedCommand } from "./parse-command-line.js";
export { helpText, USAGE } from "./help-text.js";
export { SUBCOMMANDS, type FlagSpec, type SubcommandSpec } from "./subcommands.js";
export type { CommandIO, Env, ProgressView } from "./command-io.js";
export { createLineProgressView } from "./line-progress-view.js";
export { openDestination, type OpenDestinationOptions, type OpenedDestination } from "./open-destination.js";
export { s3SettingsFromEnv } from "./s3-settings-from-env.js";
export { describeDestination, parseDestination, type Destination } from "./parse-destination.js";
export { STORAGE_S3_PACKAGE } from "./load-storage-s3.js";
export { SHARP_PACKAGE } from "./load-sharp.js";
export { createSharpThumbnailer } from "./sharp-thumbnailer.js";
export { QUEUE_PACKAGE } from "./load-queue.js";
export { REDIS_PASSWORD_ENV } from "./queue-connection.js";
export { DEMO_SCALE } from "./open-api.js";
export { DEFAULT_OUT, DEMO_OUT } from "./commands/harvest-command.js";
export { EXIT_BROKEN_PIPE, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE } from "./exit-codes.js";
export { EXIT_CODES_HELP } from "./exit-codes-help.js";
export { createPipeOutput, isBrokenPipe, type PipeOutput } from "./broken-pipe.js";
export { printable, printableLines } from "./printable.js";
export { formatDuration, formatProgressLine } from "./format-progress.js";
export { formatBreedTable, formatBytes, formatReasons } from "./format-summary.js";
export { FLAG_OF_OPTION, inFlagLanguage } from "./flag-language.js";
export {
  CommandCredentialsError,
  CommandDestinationBusyError,
  CommandDestinationError,
  CommandError,
  CommandMissingPackageError,
  CommandUsageError,
} from "./errors.js";
export { destinationLockStore } from "./destination-lock.js";
export { createNodeHttpFetch, type NodeHttpFetch } from "./node-http-fetch.js";
export { NodeHttpResponse } from "./node-http-response.js";
