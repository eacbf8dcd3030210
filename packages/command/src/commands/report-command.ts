import { stat } from "node:fs/promises";
import { checkDest } from "../check-dest.js";
import type { CommandIO } from "../command-io.js";
import { lockDestination } from "../destination-lock.js";
import { CommandDestinationError } from "../errors.js";
import { EXIT_OK } from "../exit-codes.js";
import { openDestination } from "../open-destination.js";
import type { ParsedCommand } from "../parse-command-line.js";
import { describeReport, reportJson, writeDestinationReport } from "../write-destination-report.js";

/**
 * `cat-harvest report DEST`: rebuilds report.html and the card README.md from DEST's files.
 * It writes into DEST, so it takes DEST's lock like every writer; nothing else in DEST changes.
 */
export async function reportCommand(parsed: Extract<ParsedCommand, { command: "report" }>, io: CommandIO): Promise<number> {
  const destination = checkDest("dest", parsed.dest);
  if (destination.kind !== "s3" && !(await stat(destination.path).catch(() => undefined))) {
    throw new CommandDestinationError(parsed.dest, "it does not exist");
  }
  const opened = await openDestination(parsed.dest, io.env);
  const lock = await lockDestination(opened, parsed.dest, io).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  try {
    const result = await writeDestinationReport(opened, parsed.dest, io, {
      signal: lock.signal,
      ...(parsed.minImages !== undefined ? { minimum: parsed.minImages } : {}),
    });
    lock.throwIfLost();
    io.stdout(
      parsed.json ? JSON.stringify({ destination: opened.description, ...reportJson(result), exitCode: EXIT_OK }) : describeReport(opened.description, result),
    );
    return EXIT_OK;
  } finally {
    await opened.close();
    await lock.release();
  }
}
