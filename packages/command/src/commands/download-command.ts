import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { downloadList } from "@cat-harvest/harvest";
import { checkDest } from "../check-dest.js";
import type { CommandIO } from "../command-io.js";
import { CommandUsageError } from "../errors.js";
import { openDestination } from "../open-destination.js";
import type { ParsedCommand } from "../parse-command-line.js";
import { runIntoDestination } from "../run-into-destination.js";
import { downloadToQueue } from "./download-queue.js";

/** `cat-harvest download --input FILE --out DEST`: any URL list into DEST. */
export async function downloadCommand(parsed: Extract<ParsedCommand, { command: "download" }>, io: CommandIO): Promise<number> {
  checkDest("out", parsed.out);
  const info = await stat(parsed.input).catch(() => undefined);
  if (!info?.isFile()) throw new CommandUsageError("input", `--input ${JSON.stringify(parsed.input)} is not a readable file`);
  if (parsed.queue !== undefined) return downloadToQueue({ ...parsed, queue: parsed.queue }, io);
  const opened = await openDestination(parsed.out, io.env);
  return runIntoDestination(opened, parsed.out, parsed.json, io, async ({ signal, progress }) =>
    downloadList({
      input: Readable.toWeb(createReadStream(parsed.input)) as ReadableStream<Uint8Array>,
      inputName: parsed.input,
      storage: await opened.openStorage(),
      ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}),
      signal,
      ...progress,
    }),
  );
}
