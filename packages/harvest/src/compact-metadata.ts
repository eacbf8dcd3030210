import type { StorageAdapter } from "@cat-harvest/storage";
import { METADATA_FILE, SORT_RUN_PREFIX, type MetadataRow } from "./dataset-files.js";
import { readDatasetState } from "./dataset-state.js";
import { withPublicUrl } from "./failure-row.js";
import type { NameTable } from "./name-table.js";
import { readLines } from "./read-lines.js";
import { readMetadataRows, type UnreadableLine } from "./read-metadata.js";
import type { StoredFiles } from "./stored-files.js";

/** Rows sorted in memory at once; more are sorted in runs kept on the store and merged. */
export const RUN_ROWS = 10_000;
/** Where the sorted runs wait for the merge: top-level files (never a folder a loader takes for a class), never photos. */
const RUN_PREFIX = SORT_RUN_PREFIX;

export interface CompactMetadataOptions {
  readonly names: NameTable;
  /** The files metadata.jsonl lists after the run: a row is kept when its file is listed with its bytes. */
  readonly stored: StoredFiles;
  /** Each row left out (a file unlisted since, or an older row of it). */
  readonly onLeftOut?: (row: MetadataRow) => void;
  /** Rows stored by this run that the journal could not take (a failed append), folded in last. */
  readonly unjournaled?: Iterable<MetadataRow>;
  /** @default RUN_ROWS */
  readonly runRows?: number;
}

interface Line {
  readonly name: string;
  readonly line: string;
}

/**
 * Rewrites metadata.jsonl from its own rows and the journal's (the rows stored since, in the
 * state file), in bounded memory: the rows of listed files stream into sorted runs of
 * `runRows` (kept on the store when there are several), merged into one body sorted by file
 * name, a file's latest row winning. The same data set gives the same bytes.
 */
export async function compactMetadata(storage: StorageAdapter, options: CompactMetadataOptions): Promise<void> {
  const runRows = options.runRows ?? RUN_ROWS;
  for await (const old of storage.list(RUN_PREFIX)) await storage.delete(old.key);
  const runs: string[] = [];
  let buffer: Line[] = [];
  const spill = async () => {
    const key = `${RUN_PREFIX}${String(runs.length).padStart(5, "0")}.jsonl`;
    await storage.put(key, linesBody(inMemory(sortedRun(buffer))), { contentType: "application/jsonl" });
    runs.push(key);
    buffer = [];
  };
  const take = async (row: MetadataRow) => {
    const slot = options.names.find(row.file_name);
    if (!options.stored.holds(slot, row)) return options.onLeftOut?.(row);
    buffer.push({ name: row.file_name, line: JSON.stringify(withPublicUrl(row)) });
    if (buffer.length >= runRows) await spill();
  };
  const ignore = (_: UnreadableLine) => {};
  for await (const row of readMetadataRows(storage, METADATA_FILE, ignore)) await take(row);
  await readDatasetState(storage, ignore, (line) => (line.row ? take(line.row) : undefined));
  for (const row of options.unjournaled ?? []) await take(row);
  try {
    const merged = runs.length === 0 ? inMemory(sortedRun(buffer)) : mergeRuns(storage, [...runs, ...(buffer.length ? [await spillLast()] : [])]);
    await storage.put(METADATA_FILE, linesBody(merged), { contentType: "application/jsonl" });
  } finally {
    for (const key of runs) await storage.delete(key).catch(() => false);
  }

  async function spillLast() {
    await spill();
    return runs.at(-1)!;
  }
}

/** Sorted by name, a name's last line (the latest row) kept. */
function sortedRun(lines: Line[]): Line[] {
  const sorted = lines.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted.filter((line, i) => sorted[i + 1]?.name !== line.name);
}

async function* inMemory(lines: readonly Line[]): AsyncGenerator<string> {
  for (const { line } of lines) yield line;
}

/** Merges sorted runs (each a name's one line) by name; of equal names the later run's line wins. */
async function* mergeRuns(storage: StorageAdapter, keys: readonly string[]): AsyncGenerator<string> {
  const readers = await Promise.all(
    keys.map(async (key) => {
      const body = await storage.get(key);
      if (!body) throw new Error(`compactMetadata: the sorted run ${key} vanished`);
      return readLines(body);
    }),
  );
  const heads: Array<Line | undefined> = await Promise.all(readers.map(nextLine));
  for (;;) {
    let min: string | undefined;
    for (const head of heads) if (head && (min === undefined || head.name < min)) min = head.name;
    if (min === undefined) return;
    let winner = "";
    for (let i = 0; i < heads.length; i++) {
      if (heads[i]?.name !== min) continue;
      winner = heads[i]!.line;
      heads[i] = await nextLine(readers[i]!);
    }
    yield winner;
  }
}

async function nextLine(reader: AsyncGenerator<string>): Promise<Line | undefined> {
  for (;;) {
    const { done, value } = await reader.next();
    if (done) return undefined;
    if (value === "") continue;
    return { name: (JSON.parse(value) as MetadataRow).file_name, line: value };
  }
}

/** A body of lines, each with a newline, in chunks of about 64 KiB. */
function linesBody(lines: AsyncIterator<string> | AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : lines;
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      while (chunk.length < 64 * 1024) {
        const { done, value } = await iterator.next();
        if (done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += value + "\n";
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
