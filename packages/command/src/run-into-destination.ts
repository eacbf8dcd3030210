import type { HarvestSummary } from "@cat-harvest/harvest";
import type { CommandIO, ProgressView } from "./command-io.js";
import { lockDestination } from "./destination-lock.js";
import { inFlagLanguage } from "./flag-language.js";
import { progressOptions, progressViewFor } from "./line-progress-view.js";
import type { OpenedDestination } from "./open-destination.js";
import { reportSummary } from "./report-summary.js";

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
 * then (whatever happened) stops the progress view, closes DEST and releases the lock, and
 * reports the summary. Pipeline errors come out in the command's words.
 */
export async function runIntoDestination(
  opened: OpenedDestination,
  dest: string,
  json: boolean,
  io: CommandIO,
  run: (context: DestinationRun) => Promise<HarvestSummary>,
): Promise<number> {
  const lock = await lockDestination(opened, dest, io).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  const view = progressViewFor(json, io);
  let summary: HarvestSummary;
  try {
    summary = await run({ signal: lock.signal, tookOver: lock.tookOver, view, progress: progressOptions(view) }).catch((error: unknown) => {
      throw inFlagLanguage(error);
    });
  } finally {
    view?.stop();
    await opened.close();
    await lock.release();
  }
  lock.throwIfLost();
  return reportSummary(summary, opened.description, json, io);
}
