import { downloadList, listColumns } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import { checkDest } from "../check-dest.js";
import { downloadFetch } from "../download-fetch.js";
import { madeBy } from "../describe-run.js";
import type { CommandIO } from "../command-io.js";
import { CommandUsageError } from "../errors.js";
import { openDestination, type OpenedDestination } from "../open-destination.js";
import { openList, type OpenedList } from "../open-list.js";
import type { ParsedCommand } from "../parse-command-line.js";
import { runIntoDestination } from "../run-into-destination.js";
import { openSpoolFolder } from "../spool-folder.js";
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
  if (parsed.format === "webdataset" && opened.destination.kind === "tar") {
    await opened.close();
    throw new CommandUsageError(
      "format",
      "--format webdataset writes tar shards into a folder or an s3:// prefix; give --out a folder (it holds 00000.tar, 00001.tar, ...)",
    );
  }
  const spool = await openSpoolFolder(parsed.format, opened.destination.kind);
  const fetcher = downloadFetch();
  try {
    return await runDownload(parsed, input, io, opened, spool?.storage, fetcher?.fetch);
  } finally {
    fetcher?.close();
    await spool?.remove();
  }
}

async function runDownload(
  parsed: Extract<ParsedCommand, { command: "download" }>,
  input: OpenedList,
  io: CommandIO,
  opened: OpenedDestination,
  spool: StorageAdapter | undefined,
  fetcher: typeof fetch | undefined,
): Promise<number> {
  return runIntoDestination(
    opened,
    parsed.out,
    parsed.json,
    io,
    async ({ signal, tookOver, progress }) =>
      downloadList({
        // A file or S3 object opens a new stream for each read: the plan's pre-pass, then the run.
        input,
        inputName: parsed.input,
        ...listColumns(parsed),
        // Only a run that died in DEST leaves temporary files: otherwise DEST is not walked.
        storage: await opened.openStorage({ sweepTemporaryFiles: tookOver }),
        location: opened.description,
        format: parsed.format,
        ...(parsed.shardSize !== undefined ? { shardSize: parsed.shardSize } : {}),
        ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}),
        ...(spool ? { spool } : {}),
        ...(fetcher ? { fetch: fetcher } : {}),
        signal,
        ...progress,
      }),
    parsed.noReport ? undefined : madeBy(parsed, parsed.out, io.version),
  );
}
