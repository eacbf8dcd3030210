import type { HarvestSummary } from "@cat-harvest/harvest";
import type { CommandIO } from "./command-io.js";
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL } from "./exit-codes.js";
import { formatDuration } from "./format-progress.js";
import { formatBreedTable, formatBytes, formatReasons } from "./format-summary.js";

/** The exit code a finished run earns. */
export function exitCodeOf(summary: HarvestSummary): number {
  return summary.status === "complete" ? EXIT_OK : summary.status === "interrupted" ? EXIT_INTERRUPTED : EXIT_PARTIAL;
}

/** Prints a harvest or download summary (text, or one JSON line with `extra` in it) and returns the exit code. */
export function reportSummary(summary: HarvestSummary, where: string, json: boolean, io: CommandIO, extra: Record<string, unknown> = {}): number {
  const code = exitCodeOf(summary);
  if (json) {
    io.stdout(JSON.stringify({ ...summary, destination: where, ...extra, exitCode: code }));
    return code;
  }
  const webdataset = summary.shards?.format === "webdataset";
  const layout = webdataset
    ? `${summary.shards!.count} shards: 00000.tar ... with their NNNNN.jsonl and NNNNN_stats.json, _duplicates.jsonl, classes.txt`
    : "metadata.jsonl, failures.jsonl, breeds.csv";
  io.stdout(`\nData set: ${where}: ${summary.files} files, ${formatBytes(summary.totalBytes)} (${layout})`);
  io.stdout(
    `This run: ${summary.records} records, ${summary.stored} stored (${formatBytes(summary.bytes)}), ${summary.existing} already there, ` +
      `${summary.failed} failed, ${summary.duplicates} duplicates dropped, ${summary.overCap} over the cap, in ${formatDuration(summary.durationMs / 1000)}`,
  );
  io.stdout("");
  io.stdout(formatBreedTable(summary.counts));
  const failuresAt = webdataset ? "the shards' NNNNN.jsonl, status failed" : "failures.jsonl";
  if (summary.failed > 0) io.stdout(`\nFailures (${summary.failed}, listed in ${failuresAt}): ${formatReasons(summary.failureReasons)}`);
  if (summary.quotaResetAt) {
    // Petfinder's words as before; another source says which quota it was.
    const what = summary.quota && summary.quota.source !== "petfinder" ? summary.quota.what : "The daily API quota";
    io.stdout(`\n${what} ran out; it resets at ${summary.quotaResetAt}. Run the same command again then to continue.`);
  }
  for (const { breed, message } of summary.apiErrors) io.stdout(`Records of ${breed} could not be fetched: ${message}`);
  if (summary.status === "interrupted" && summary.shards)
    io.stdout("\nInterrupted: finished shards are kept; the shard under way is done again. Run the same command again to resume.");
  else if (summary.status === "interrupted") io.stdout("\nInterrupted: what was stored is listed in metadata.jsonl. Run the same command again to resume.");
  else if (summary.status === "partial" && summary.shards)
    io.stdout(
      "\nNot everything is in. A finished shard is never fetched again: to retry its failed rows, remove its NNNNN_stats.json (_shards/ for files) and run the same command again.",
    );
  else if (summary.status === "partial") io.stdout("\nNot everything is in: run the same command again to retry what failed.");
  return code;
}
