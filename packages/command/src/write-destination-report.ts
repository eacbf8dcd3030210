import { basename } from "node:path";
import { openDatasetReader, writeReport, type ReportMade, type WriteReportResult } from "@cat-harvest/report";
import type { CommandIO } from "./command-io.js";
import { openDestination, type OpenedDestination } from "./open-destination.js";
import type { Destination } from "./parse-destination.js";
import { createSharpThumbnailer } from "./sharp-thumbnailer.js";

export interface DestinationReportOptions {
  readonly made?: ReportMade;
  readonly minimum?: number;
  readonly signal?: AbortSignal;
  /**
   * Whether opening DEST first removes what a killed run left (a walk of every folder: a
   * million-file folder costs hundreds of MB). A run's own report passes `false`: the run
   * swept when it took over a dead run's lock, and nothing of its own is left. @default true
   */
  readonly sweepTemporaryFiles?: boolean;
}

/** The report's title: the data set's name (`cat_breeds`, `cats` for cats.tar.gz, the S3 prefix). */
function titleOf(destination: Destination): string {
  const name = destination.kind === "s3" ? destination.prefix.replace(/\/$/, "").split("/").pop() || destination.bucket : basename(destination.path);
  return `Cat photos by breed: ${name.replace(/\.(tar\.gz|tgz|tar)$/i, "")}`;
}

/**
 * Writes report.html and README.md into DEST's storage (`opened`, under DEST's lock): thumbnails
 * linked to their full files in a folder of the files layout (they sit beside the report),
 * embedded only for an archive, S3 or tar shards. A folder or S3 prefix is read through a second adapter opened read-only, which
 * can change nothing; an archive is one file with one adapter, which reads and appends.
 */
export async function writeDestinationReport(
  opened: OpenedDestination,
  dest: string,
  io: CommandIO,
  options: DestinationReportOptions = {},
): Promise<WriteReportResult> {
  const { destination } = opened;
  const storage = await opened.openStorage({ sweepTemporaryFiles: options.sweepTemporaryFiles ?? true });
  const source = destination.kind === "tar" ? undefined : await openDestination(dest, io.env, { readOnly: true });
  try {
    return await writeReport(storage, {
      thumbnailer: await createSharpThumbnailer(),
      reader: await openDatasetReader(source ? await source.openStorage() : storage),
      version: io.version ?? "unknown",
      title: titleOf(destination),
      links: destination.kind === "fs",
      ...(options.made ? { made: options.made } : {}),
      ...(options.minimum !== undefined ? { minimum: options.minimum } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    await source?.close();
  }
}

/** What was written, in one line (the card's line says why it was left alone, when it was). */
export function describeReport(where: string, result: WriteReportResult): string {
  const card =
    "skipped" in result.card
      ? `${result.card.key} left alone: ${result.card.skipped}`
      : `card ${result.card.key}${"unchanged" in result.card ? " unchanged" : ""}`;
  if ("unchanged" in result.report)
    return `Report: ${where}: ${result.report.key} unchanged (it already shows this data set, ${result.data.breeds.length} breeds), ${card}.`;
  return `Report: ${where}: ${result.report.key} (${result.thumbnails} thumbnails, ${result.data.breeds.length} breeds), ${card}.`;
}

/** The report's outcome for a `--json` summary. */
export function reportJson(result: WriteReportResult): Record<string, unknown> {
  return { report: result.report, card: result.card, thumbnails: result.thumbnails };
}
