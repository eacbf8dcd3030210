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

/** `cat-harvest download --input FILE --out DEST`: any URL list into DEST. */
export async function downloadCommand(parsed: Extract<ParsedCommand, { command: "download" }>, io: CommandIO): Promise<number> {
  checkDest("out", parsed.out);
  const info = await stat(parsed.input).catch(() => undefined);
  if (!info?.isFile()) throw new CommandUsageError("input", `--input ${JSON.stringify(parsed.input)} is not a readable file`);
  const opened = await openDestination(parsed.out, io.env);
  if (parsed.format === "webdataset" && opened.destination.kind === "tar") {
    await opened.close();
    throw new CommandUsageError(
      "format",
      "--format webdataset writes tar shards into a folder or an s3:// prefix; give --out a folder (it holds 00000.tar, 00001.tar, ...)",
    );
  }
  return runIntoDestination(opened, parsed.out, parsed.json, io, async ({ signal, tookOver, progress }) =>
    downloadList({
      // Read twice: the plan's pre-pass, then the run.
      input: () => Readable.toWeb(createReadStream(parsed.input)) as ReadableStream<Uint8Array>,
      inputName: parsed.input,
      // Only a run that died in DEST leaves temporary files: otherwise DEST is not walked.
      storage: await opened.openStorage({ sweepTemporaryFiles: tookOver }),
      location: opened.description,
      format: parsed.format,
      ...(parsed.shardSize !== undefined ? { shardSize: parsed.shardSize } : {}),
      ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}),
      signal,
      ...progress,
    }),
  );
}
