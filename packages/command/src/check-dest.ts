import { CommandUsageError } from "./errors.js";
import { parseDestination, type Destination } from "./parse-destination.js";

/** A DEST that cannot be parsed is a usage error (exit 2), unlike one that cannot be written. */
export function checkDest(option: string, dest: string): Destination {
  try {
    return parseDestination(dest);
  } catch (error) {
    throw new CommandUsageError(option, (error as Error).message, { cause: error });
  }
}
