import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { downloadList } from "@cat-harvest/harvest";
import { checkDest } from "../check-dest.js";
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
  const view = progressViewFor(parsed.json, io);
  try {
    const summary = await downloadList({
      input: Readable.toWeb(createReadStream(parsed.input)) as ReadableStream<Uint8Array>,
      inputName: parsed.input,
      storage: await opened.openStorage(),
      ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}),
      signal: io.signal,
      ...progressOptions(view),
    }).catch((error: unknown) => {
      throw inFlagLanguage(error);
    });
    view?.stop();
    return reportSummary(summary, opened.description, parsed.json, io);
  } finally {
    view?.stop();
    await opened.close();
  }
}
