import type { HarvestSummary } from "@cat-harvest/harvest";
import type { ReportMade, WriteReportResult } from "@cat-harvest/report";
import type { CommandIO, ProgressView } from "./command-io.js";
import { lockDestination } from "./destination-lock.js";
import { inFlagLanguage } from "./flag-language.js";
import { progressOptions, progressViewFor } from "./line-progress-view.js";
import { openDestination, type OpenedDestination } from "./open-destination.js";
import { reportSummary } from "./report-summary.js";
import { describeReport, reportJson, writeDestinationReport } from "./write-destination-report.js";

/** What a writing run gets: the lock's signal (aborted on Ctrl-C or a lost lock) and its progress callbacks. */
export interface DestinationRun {
  readonly signal: AbortSignal;
  /** Whether DEST's lock was a dead run's (see `DestinationLock.tookOver`). */
  readonly tookOver: boolean;
  readonly view: ProgressView | undefined;
  readonly progress: ReturnType<typeof progressOptions>;
}

/**
 * The frame every writing subcommand shares: takes DEST's lock before anything is written, runs,
 * then (whatever happened) stops the progress view, closes DEST, writes report.html and the card
 * when the run finished and `made` is given (not with `--no-report`), releases the lock, and
 * reports the summary. Pipeline errors come out in the command's words.
 */
export async function runIntoDestination(
  opened: OpenedDestination,
  dest: string,
  json: boolean,
  io: CommandIO,
  run: (context: DestinationRun) => Promise<HarvestSummary>,
  made?: ReportMade,
): Promise<number> {
  const lock = await lockDestination(opened, dest, io).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  const view = progressViewFor(json, io);
  let summary: HarvestSummary | undefined;
  let report: WriteReportResult | undefined;
  try {
    summary = await run({ signal: lock.signal, tookOver: lock.tookOver, view, progress: progressOptions(view) }).catch((error: unknown) => {
      throw inFlagLanguage(error);
    });
  } finally {
    view?.stop();
    await opened.close();
    try {
      if (summary && made && summary.status !== "interrupted" && !lock.signal.aborted) report = await reportAfterRun(dest, io, made, lock.signal);
    } finally {
      await lock.release();
    }
  }
  lock.throwIfLost();
  const code = reportSummary(summary!, opened.description, json, io, report ? reportJson(report) : {});
  if (report && !json) io.stdout(describeReport(opened.description, report));
  return code;
}

/**
 * Writes the report into DEST, opened anew (the run closed its storage), still under the run's
 * lock. A report that cannot be written only warns: the data set itself is whole.
 */
export async function reportAfterRun(dest: string, io: CommandIO, made: ReportMade, signal: AbortSignal): Promise<WriteReportResult | undefined> {
  const again = await openDestination(dest, io.env).catch(() => undefined);
  try {
    if (!again) throw new Error("DEST could not be opened again");
    // The run swept DEST when it took over a dead run's lock: walking it again (every file of a
    // million-photo folder) would be the run's memory peak.
    return await writeDestinationReport(again, dest, io, { made: { ...made, date: new Date().toISOString() }, signal, sweepTemporaryFiles: false });
  } catch (error) {
    io.stderr(`warning: report.html was not written (${(error as Error)?.message ?? String(error)}); run \`cat-harvest report ${dest}\` to write it.`);
    return undefined;
  } finally {
    await again?.close();
  }
}
