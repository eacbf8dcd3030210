import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { downloadList, type HarvestSummary } from "@cat-harvest/harvest";
import { checkDest } from "../check-dest.js";
import { lockDestination } from "../destination-lock.js";
import type { CommandIO } from "../command-io.js";
import { CommandUsageError } from "../errors.js";
import { inFlagLanguage } from "../flag-language.js";
import { progressOptions, progressViewFor } from "../line-progress-view.js";
import { openDestination } from "../open-destination.js";
import type { ParsedCommand } from "../parse-command-line.js";
import { reportSummary } from "../report-summary.js";

/** `cat-harvest download --input FILE --out DEST`: any URL list into DEST. */
export async function downloadCommand(parsed: Extract<ParsedCommand, { command: "download" }>, io: CommandIO): Promise<number> {
  checkDest("out", parsed.out);
  const info = await stat(parsed.input).catch(() => undefined);
  if (!info?.isFile()) throw new CommandUsageError("input", `--input ${JSON.stringify(parsed.input)} is not a readable file`);
  const opened = await openDestination(parsed.out, io.env);
  const lock = await lockDestination(opened, parsed.out, io).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  const view = progressViewFor(parsed.json, io);
  let summary: HarvestSummary;
  try {
    summary = await downloadList({
      input: Readable.toWeb(createReadStream(parsed.input)) as ReadableStream<Uint8Array>,
      inputName: parsed.input,
      storage: await opened.openStorage(),
      ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}),
      signal: lock.signal,
      ...progressOptions(view),
    }).catch((error: unknown) => {
      throw inFlagLanguage(error);
    });
  } finally {
    view?.stop();
    await opened.close();
    await lock.release();
  }
  lock.throwIfLost();
  return reportSummary(summary, opened.description, parsed.json, io);
}
