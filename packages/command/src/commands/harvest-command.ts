import { harvest, type HarvestSummary } from "@cat-harvest/harvest";
import { checkDest } from "../check-dest.js";
import { lockDestination, type DestinationLock } from "../destination-lock.js";
import type { CommandIO } from "../command-io.js";
import { inFlagLanguage } from "../flag-language.js";
import { progressOptions, progressViewFor } from "../line-progress-view.js";
import { openSources } from "../open-sources.js";
import { openDestination, type OpenedDestination } from "../open-destination.js";
import type { ParsedCommand } from "../parse-command-line.js";
import { reportSummary } from "../report-summary.js";

/** Where `--demo` writes when no --out is given. */
export const DEMO_OUT = "cat-harvest-demo";
/** Where a harvest writes when no --out is given. */
export const DEFAULT_OUT = "cat_breeds";

/** `cat-harvest [harvest]`: breeds to DEST, checking credentials and DEST before any work. */
export async function harvestCommand(parsed: Extract<ParsedCommand, { command: "harvest" }>, io: CommandIO): Promise<number> {
  const out = parsed.out ?? (parsed.demo ? DEMO_OUT : DEFAULT_OUT);
  checkDest("out", out); // A bad DEST fails before anything starts.
  const api = await openSources(parsed, io, parsed.scale);
  let opened: OpenedDestination;
  let lock: DestinationLock;
  try {
    opened = await openDestination(out, io.env);
  } catch (error) {
    await api.stop();
    throw error;
  }
  try {
    lock = await lockDestination(opened, out, io); // Before anything is written.
  } catch (error) {
    await opened.close();
    await api.stop();
    throw error;
  }
  const view = progressViewFor(parsed.json, io);
  let summary: HarvestSummary;
  try {
    summary = await harvest({
      sources: api.sources,
      storage: () => {
        view?.log(`Writing into ${opened.description}`);
        return opened.openStorage();
      },
      // Petfinder keeps the cache it always had; each other source its own beside it.
      cache: (source) =>
        source === "petfinder" ? opened.cache : { storage: opened.cache.storage, key: opened.cache.key.replace(/\.jsonl\.gz$/, `-${source}.jsonl.gz`) },
      type: parsed.type,
      breeds: parsed.breeds,
      ...(parsed.perBreed !== undefined ? { perBreed: parsed.perBreed } : {}),
      ...(parsed.cap !== undefined ? { cap: parsed.cap } : {}),
      ...(parsed.size !== undefined ? { size: parsed.size } : {}),
      ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}),
      refresh: parsed.refresh,
      noColours: parsed.noColours,
      signal: lock.signal,
      ...progressOptions(view),
    }).catch((error: unknown) => {
      throw inFlagLanguage(error);
    });
  } finally {
    view?.stop();
    await opened.close();
    await lock.release();
    await api.stop();
  }
  lock.throwIfLost();
  return reportSummary(summary, opened.description, parsed.json, io);
}
