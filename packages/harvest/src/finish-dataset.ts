import { breedCountsToCsv, type PhotoSource } from "@cat-harvest/photos";
import type { StorageAdapter } from "@cat-harvest/storage";
import { BREEDS_FILE, FAILURES_FILE, METADATA_FILE, STATE_FILE, type BreedCount } from "./dataset-files.js";
import type { encodeLines } from "./encode-lines.js";
import type { NameTable } from "./name-table.js";
import { writeSourcesFile } from "./sources-file.js";
import type { StoredFiles } from "./stored-files.js";

type Body = ReturnType<typeof encodeLines>;

/** Writes metadata.jsonl (when given: a store that cannot append a journal), failures.jsonl and breeds.csv, then SOURCES.md when the run named sources. */
export async function writeDatasetFiles(
  storage: StorageAdapter,
  files: {
    readonly metadata: Body | undefined;
    readonly failures: Body;
    readonly counts: BreedCount[];
    readonly stored: StoredFiles;
    readonly sources: ReadonlyArray<Pick<PhotoSource, "name" | "terms">> | undefined;
  },
): Promise<void> {
  // supersede: an archive keeps its earlier copies (whole, listing every file stored
  // before this run) until these are whole after them; an unchanged file is not rewritten.
  const { metadata, failures } = files;
  if (metadata) await storage.put(METADATA_FILE, metadata.body, { size: metadata.size, contentType: "application/jsonl", supersede: true });
  await storage.put(FAILURES_FILE, failures.body, { size: failures.size, contentType: "application/jsonl", supersede: true });
  const csv = new TextEncoder().encode(breedCountsToCsv(files.counts));
  await storage.put(BREEDS_FILE, csv, { size: csv.byteLength, contentType: "text/csv", supersede: true });
  if (files.sources?.length) await writeSourcesFile(storage, files.sources, files.stored.sources());
}

/**
 * Replaces the state file (and its journal) with the stamp of every listed file, as listed
 * now, streamed from the listing into the new file (never held whole).
 */
export async function writeStamps(storage: StorageAdapter, names: NameTable, stored: StoredFiles): Promise<void> {
  const listing = storage.list()[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      while (chunk.length < 64 * 1024) {
        const { done, value: info } = await listing.next();
        if (done) break;
        const row = info.stamp === undefined ? undefined : stored.row(names.find(info.key));
        if (row?.bytes === info.size) chunk += JSON.stringify({ file_name: info.key, stamp: info.stamp }) + "\n";
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      else controller.close();
    },
    async cancel() {
      await listing.return?.();
    },
  });
  await storage.put(STATE_FILE, body, { contentType: "application/jsonl" });
}
