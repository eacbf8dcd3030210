import { downloadList } from "@cat-harvest/harvest";
import { checkDest } from "../check-dest.js";
import { madeBy } from "../describe-run.js";
import type { CommandIO } from "../command-io.js";
import { openDestination } from "../open-destination.js";
import { openList, type OpenedList } from "../open-list.js";
import type { ParsedCommand } from "../parse-command-line.js";
import { runIntoDestination } from "../run-into-destination.js";
import { downloadToQueue } from "./download-queue.js";

/** `cat-harvest download --input FILE --out DEST`: any URL list (a file or s3://bucket/key) into DEST. */
export async function downloadCommand(parsed: Extract<ParsedCommand, { command: "download" }>, io: CommandIO): Promise<number> {
  checkDest("out", parsed.out);
  if (parsed.queue !== undefined) return downloadToQueue({ ...parsed, queue: parsed.queue }, io);
  const input = await openList(parsed.input, io.env);
  try {
    return await downloadInto(parsed, input, io);
  } finally {
    await input.close?.();
  }
}

async function downloadInto(parsed: Extract<ParsedCommand, { command: "download" }>, input: OpenedList, io: CommandIO): Promise<number> {
  const opened = await openDestination(parsed.out, io.env);
  return runIntoDestination(
    opened,
    parsed.out,
    parsed.json,
    io,
    async ({ signal, progress }) =>
      downloadList({
        input,
        inputName: parsed.input,
        ...(parsed.urlColumn !== undefined ? { urlColumn: parsed.urlColumn } : {}),
        ...(parsed.labelColumn !== undefined ? { labelColumn: parsed.labelColumn } : {}),
        storage: await opened.openStorage(),
        ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}),
        signal,
        ...progress,
      }),
    parsed.noReport ? undefined : madeBy(parsed, parsed.out, io.version),
  );
}
