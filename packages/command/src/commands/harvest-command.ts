import { harvest } from "@cat-harvest/harvest";
import { checkDest } from "../check-dest.js";
import { madeBy } from "../describe-run.js";
import type { CommandIO } from "../command-io.js";
import { openSources } from "../open-sources.js";
import { openDestination } from "../open-destination.js";
import type { ParsedCommand } from "../parse-command-line.js";
import { runIntoDestination } from "../run-into-destination.js";
import { downloadFetch } from "../download-fetch.js";
import { harvestToQueue } from "./harvest-queue.js";

/** Where `--demo` writes when no --out is given. */
export const DEMO_OUT = "cat-harvest-demo";
/** Where a harvest writes when no --out is given. */
export const DEFAULT_OUT = "cat_breeds";

/** `cat-harvest [harvest]`: breeds to DEST, checking credentials and DEST before any work. */
export async function harvestCommand(parsed: Extract<ParsedCommand, { command: "harvest" }>, io: CommandIO): Promise<number> {
  const out = parsed.out ?? (parsed.demo ? DEMO_OUT : DEFAULT_OUT);
  checkDest("out", out); // A bad DEST fails before anything starts.
  if (parsed.queue !== undefined) return harvestToQueue({ ...parsed, out, queue: parsed.queue }, io);
  const api = await openSources(parsed, io, parsed.scale);
  const fetcher = downloadFetch();
  try {
    const opened = await openDestination(out, io.env);
    return await runIntoDestination(
      opened,
      out,
      parsed.json,
      io,
      ({ signal, view, progress }) =>
        harvest({
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
          ...(fetcher ? { fetch: fetcher.fetch } : {}),
          signal,
          ...progress,
        }),
      parsed.noReport ? undefined : madeBy(parsed, out, io.version),
    );
  } finally {
    fetcher?.close();
    await api.stop();
  }
}
