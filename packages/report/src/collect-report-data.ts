import { DUPLICATE_REASON, excerpt, SOURCES_FILE, type BreedCount, type FailureRow, type MetadataRow } from "@cat-harvest/harvest";
import type { DatasetReader } from "./dataset-reader.js";
import type { BreedSheet, FailureGroup, ReportData } from "./report-data.js";
import { RowSample } from "./sample-rows.js";

/** Example URLs shown per failure reason. */
const EXAMPLES_PER_REASON = 3;

const folderOf = (fileName: string) => fileName.slice(0, Math.max(0, fileName.lastIndexOf("/")));
const sheetKey = (breed: string, folder: string) => `${breed}\u0000${folder}`;

/** Reads the data set once: totals, a sample per breed folder, failures by reason. */
export async function collectReportData(reader: DatasetReader, perBreed: number, signal?: AbortSignal): Promise<ReportData> {
  let unreadableLines = 0;
  const onUnreadable = () => void unreadableLines++;
  const rows = await scanRows(reader.rows(onUnreadable), perBreed, signal);
  const failures = await groupFailures(reader.failures(onUnreadable), signal);
  const counts = (await reader.breedCounts()) ?? [...rows.counted.values()];
  return {
    files: rows.files,
    bytes: rows.bytes,
    breeds: sheetsOf(counts, rows.samples),
    sources: [...rows.sources].map(([name, files]) => ({ name, files })).sort((a, b) => b.files - a.files || a.name.localeCompare(b.name)),
    failures: failures.groups,
    duplicates: failures.duplicates,
    unreadableLines,
    sourcesText: await reader.text(SOURCES_FILE),
    layout: reader.layout,
  };
}

async function scanRows(rows: AsyncIterable<MetadataRow>, perBreed: number, signal?: AbortSignal) {
  const samples = new Map<string, RowSample>();
  const sources = new Map<string, number>();
  // Images per breed folder, for a layout without breeds.csv: counted as read, no row kept.
  const counted = new Map<string, BreedCount>();
  let files = 0;
  let bytes = 0;
  for await (const row of rows) {
    signal?.throwIfAborted();
    files++;
    bytes += row.bytes;
    sources.set(row.source ?? "", (sources.get(row.source ?? "") ?? 0) + 1);
    const folder = folderOf(row.file_name);
    const key = sheetKey(row.breed, folder);
    counted.set(key, { breed: row.breed, folder, images: (counted.get(key)?.images ?? 0) + 1 });
    let sample = samples.get(key);
    if (!sample) samples.set(key, (sample = new RowSample(perBreed)));
    sample.add(row);
  }
  return { files, bytes, sources, samples, counted };
}

function sheetsOf(counts: readonly BreedCount[], samples: ReadonlyMap<string, RowSample>): BreedSheet[] {
  return [...counts]
    .sort((a, b) => b.images - a.images || a.breed.localeCompare(b.breed))
    .map((count) => ({ ...count, samples: samples.get(sheetKey(count.breed, count.folder))?.rows() ?? [] }));
}

async function groupFailures(rows: AsyncIterable<FailureRow>, signal?: AbortSignal): Promise<{ groups: FailureGroup[]; duplicates: number }> {
  const groups = new Map<string, { reason: string; count: number; examples: string[] }>();
  let duplicates = 0;
  for await (const row of rows) {
    signal?.throwIfAborted();
    if (row.reason === DUPLICATE_REASON) {
      duplicates++;
      continue;
    }
    let group = groups.get(row.reason);
    if (!group) groups.set(row.reason, (group = { reason: row.reason, count: 0, examples: [] }));
    group.count++;
    if (group.examples.length < EXAMPLES_PER_REASON) group.examples.push(excerpt(row.source_url, 160));
  }
  return { groups: [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)), duplicates };
}
