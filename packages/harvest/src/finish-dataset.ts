import { breedCountsToCsv, type PhotoSource } from "@cat-harvest/photos";
import type { StorageAdapter } from "@cat-harvest/storage";
import { BREEDS_FILE, FAILURES_FILE, METADATA_FILE, STATE_FILE, type BreedCount } from "./dataset-files.js";
import { stateLines, type StateLine } from "./dataset-state.js";
import type { encodeLines } from "./encode-lines.js";
import type { PresentFile } from "./scan-destination.js";
import { writeSourcesFile } from "./sources-file.js";
import type { StoredFiles } from "./stored-files.js";

type Body = ReturnType<typeof encodeLines>;

/** Writes metadata.jsonl, failures.jsonl and breeds.csv, then SOURCES.md when the run named sources. */
export async function writeDatasetFiles(
  storage: StorageAdapter,
  files: {
    readonly metadata: Body;
    readonly failures: Body;
    readonly counts: BreedCount[];
    readonly stored: StoredFiles;
    readonly sources: ReadonlyArray<Pick<PhotoSource, "name" | "terms">> | undefined;
  },
): Promise<void> {
  // supersede: an archive keeps its earlier copies (whole, listing every file stored
  // before this run) until these are whole after them; an unchanged file is not rewritten.
  const { metadata, failures } = files;
  await storage.put(METADATA_FILE, metadata.body, { size: metadata.size, contentType: "application/jsonl", supersede: true });
  await storage.put(FAILURES_FILE, failures.body, { size: failures.size, contentType: "application/jsonl", supersede: true });
  const csv = new TextEncoder().encode(breedCountsToCsv(files.counts));
  await storage.put(BREEDS_FILE, csv, { size: csv.byteLength, contentType: "text/csv", supersede: true });
  const named = new Set(Array.from(files.stored.entries.values(), (e) => e.source).filter((s) => s !== undefined));
  if (files.sources?.length) await writeSourcesFile(storage, files.sources, named);
}

/** Replaces the state file (and its journal) with the stamp of every listed file, as listed now. */
export async function writeStamps(storage: StorageAdapter, stored: StoredFiles): Promise<void> {
  const now = new Map<string, PresentFile>();
  for await (const info of storage.list()) if (stored.entries.has(info.key)) now.set(info.key, { size: info.size, stamp: info.stamp });
  const lines: StateLine[] = [];
  for (const [key, entry] of stored.entries) {
    const file = now.get(key);
    if (file?.stamp !== undefined && file.size === entry.bytes) lines.push({ file_name: key, stamp: file.stamp });
  }
  const bytes = new TextEncoder().encode(stateLines(lines));
  await storage.put(STATE_FILE, bytes, { size: bytes.byteLength, contentType: "application/jsonl" });
}
