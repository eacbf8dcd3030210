import { stat } from "node:fs/promises";
import { METADATA_FILE, PLAN_FILE, verifyDataset } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import { checkDest } from "../check-dest.js";
import { activeRunOf } from "../destination-lock.js";
import type { CommandIO } from "../command-io.js";
import { CommandDestinationError } from "../errors.js";
import { EXIT_OK, EXIT_PARTIAL } from "../exit-codes.js";
import { openDestination } from "../open-destination.js";
import type { ParsedCommand } from "../parse-command-line.js";

/** `cat-harvest verify DEST`: re-hashes every listed file; exit 3 when any is missing or corrupted. */
export async function verifyCommand(parsed: Extract<ParsedCommand, { command: "verify" }>, io: CommandIO): Promise<number> {
  const destination = checkDest("dest", parsed.dest);
  if (destination.kind !== "s3" && !(await stat(destination.path).catch(() => undefined))) {
    throw new CommandDestinationError(parsed.dest, "it does not exist");
  }
  // Read-only: verify never changes what it checks, even beside a harvest writing into it.
  const opened = await openDestination(parsed.dest, io.env, { readOnly: true });
  try {
    const writer = await activeRunOf(opened);
    if (writer) io.stderr(`Note: a run is writing into ${opened.description} (${writer}); what it stores meanwhile may show as missing or unlisted.`);
    const storage = await opened.openStorage();
    await checkHasMetadata(storage, parsed.dest, destination.kind);
    const result = await verifyDataset(storage, { signal: io.signal });
    const bad = result.missing.length + result.corrupted.length + result.duplicates.length + result.unreadable.length;
    const code = bad === 0 ? EXIT_OK : EXIT_PARTIAL;
    if (parsed.json) {
      io.stdout(JSON.stringify({ destination: opened.description, ...result, exitCode: code }));
      return code;
    }
    const against = (await storage.stat(METADATA_FILE)) ? METADATA_FILE : "their shards' rows (NNNNN.jsonl)";
    io.stdout(`Verified ${opened.description}: ${result.ok} of ${result.checked} files match ${against}.`);
    for (const key of result.missing) io.stdout(`missing: ${key}`);
    for (const m of result.corrupted)
      io.stdout(
        `corrupted: ${m.file_name} (expected ${m.expected.bytes} bytes sha256 ${m.expected.sha256}, found ${m.actual.bytes} bytes sha256 ${m.actual.sha256})`,
      );
    for (const key of result.duplicates) io.stdout(`listed twice: ${key}`);
    for (const u of result.unreadable) io.stdout(`unreadable: ${u.file} line ${u.line} (${u.problem})`);
    if (result.unlisted.length > 0)
      io.stdout(
        `${result.unlisted.length} stored files are not listed (left by an interrupted run; the next run into this DEST re-hashes them and keeps each whole image, or downloads it again): ${result.unlisted.slice(0, 5).join(", ")}${result.unlisted.length > 5 ? ", ..." : ""}`,
      );
    if (bad > 0)
      io.stdout(
        `Problems found: ${result.missing.length} missing, ${result.corrupted.length} corrupted, ${result.unreadable.length} unreadable lines. ` +
          "Run the same harvest or download again into this DEST: it keeps every whole line, re-hashes files changed since they were stored, and fetches missing and corrupted ones anew.",
      );
    return code;
  } finally {
    await opened.close();
  }
}

/**
 * A DEST without metadata.jsonl: an archive gets it only at the end of a run, so one that
 * holds files was interrupted before; a folder or prefix may be that, or no data set at all.
 */
async function checkHasMetadata(storage: StorageAdapter, dest: string, kind: "fs" | "tar" | "s3"): Promise<void> {
  // A webdataset download has no metadata.jsonl: its plan and shards are checked instead.
  if ((await storage.stat(METADATA_FILE)) || (await storage.stat(PLAN_FILE))) return;
  const first = await storage.list()[Symbol.asyncIterator]().next();
  if (first.done) throw new CommandDestinationError(dest, `it holds no files and no ${METADATA_FILE}, so there is no data set to verify`);
  const fix = "run the same harvest again to finish it (the files already stored are kept), then verify";
  throw new CommandDestinationError(
    dest,
    kind === "tar"
      ? `the archive holds files but no ${METADATA_FILE}: its harvest was interrupted before the metadata was written (an archive gets it at the end of a run); ${fix}`
      : `it holds files but no ${METADATA_FILE}: if a harvest into it was interrupted before writing it, ${fix}; otherwise it is not a cat-harvest data set`,
  );
}
