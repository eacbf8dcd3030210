import type { FailureRow, MetadataRow } from "./dataset-files.js";
import { encodeLines, sortedValues } from "./encode-lines.js";
import { duplicateOf, readFailureRow } from "./failure-row.js";
import type { PreviousFailures } from "./previous-failures.js";

/** failures.jsonl in the making: the previous run's lines not retried yet, and this run's. */
export interface RunFailures {
  /** Records a photo that was not stored. */
  fail(given: FailureRow): void;
  /** Forgets the failures of a file now stored. */
  stored(row: MetadataRow): void;
  /**
   * Points each duplicate of a file dropped at finish to the file kept in its place
   * (`keeperOf`: the dropped file's keeper, or `undefined` for a file still listed).
   */
  repoint(keeperOf: (key: string) => string | undefined): void;
  /** This run's failures (not duplicates), by reason. */
  reasons(): Map<string, number>;
  /** failures.jsonl as it stands. */
  body(): ReturnType<typeof encodeLines>;
}

export function createRunFailures(previous: PreviousFailures): RunFailures {
  const failures = new Map<string, string>();
  const reasons = new Map<string, number>();
  return {
    fail(given) {
      const row = readFailureRow(given) ?? given;
      const key = row.file_name ?? row.source_url;
      failures.set(key, JSON.stringify(row));
      previous.failures.delete(key);
      if (duplicateOf(row) === undefined) reasons.set(row.reason, (reasons.get(row.reason) ?? 0) + 1);
    },
    stored(row) {
      previous.failures.delete(row.file_name);
      previous.failures.delete(row.source_url);
      failures.delete(row.file_name);
    },
    repoint(keeperOf) {
      repointDuplicates(failures, keeperOf);
      repointDuplicates(previous.failures, keeperOf);
    },
    reasons: () => new Map(reasons),
    // Sorted by file or URL: the same data set gives the same bytes, whatever order photos failed in.
    body: () => encodeLines(sortedValues(new Map([...previous.failures, ...failures]), (line) => line)),
  };
}

/** Rewrites, in place, the lines of duplicates whose `duplicate_of` `keeperOf` names a keeper for. */
function repointDuplicates(lines: Map<string, string>, keeperOf: (key: string) => string | undefined): void {
  for (const [key, line] of lines) {
    if (!line.includes('"duplicate_of"')) continue;
    const row = JSON.parse(line) as FailureRow;
    const original = duplicateOf(row);
    const keeper = original === undefined ? undefined : keeperOf(original);
    if (keeper !== undefined) lines.set(key, JSON.stringify({ ...row, duplicate_of: keeper }));
  }
}
