import type { StorageAdapter } from "@cat-harvest/storage";
import { readLines } from "./read-lines.js";

const CACHE_VERSION = 1;

/** Where the fetched records are kept between runs (gzip-compressed JSON lines). */
export interface RecordsCacheLocation {
  readonly storage: StorageAdapter;
  readonly key: string;
  /**
   * Where an earlier version kept the cache: read while `key` holds none, never written (the
   * next cache written goes to `key`, and from then on this one is left alone).
   */
  readonly legacy?: { readonly storage: StorageAdapter; readonly key: string } | undefined;
}

/** One line of the cache: its header, a record, or how far a breed got. */
export type CacheLine =
  | { t: "h"; v: number; source: string; type: string; breeds: string[] }
  // `animal` is the field name of version 1, kept so earlier caches stay readable: any source's record.
  | { t: "a"; breed: string; animal: unknown }
  | { t: "p"; breed: string; records: number; exhausted: boolean };

/** How far a breed's records got. */
export interface BreedProgress {
  records: number;
  exhausted: boolean;
}

/** What the cache holds, read without keeping records in memory. */
export interface CachedRecordsSummary {
  /** The API root the records came from: photo URLs point at its CDN. */
  readonly source: string;
  readonly type: string;
  readonly breeds: readonly string[];
  readonly progress: ReadonlyMap<string, BreedProgress>;
  /** Read from `legacy`: the run copies it to the cache's own place, even with nothing to fetch. */
  readonly legacy: boolean;
}

/** Reads just the header and progress markers of a records cache, or `undefined` when there is none (or it is unreadable). */
export async function readCacheSummary(cache: RecordsCacheLocation): Promise<CachedRecordsSummary | undefined> {
  let header: { source: string; type: string; breeds: string[] } | undefined;
  const progress = new Map<string, BreedProgress>();
  try {
    for await (const line of readCacheLines(cache)) {
      if (line.t === "h") {
        if (line.v !== CACHE_VERSION) return undefined;
        header = { source: line.source, type: line.type, breeds: line.breeds };
      } else if (line.t === "p") progress.set(line.breed, { records: line.records, exhausted: line.exhausted });
    }
  } catch {
    return undefined; // A cache that cannot be read is only a cache: fetch again.
  }
  return header && { ...header, progress, legacy: !(await cache.storage.stat(cache.key)) };
}

/** Every line of the cache, in order (none when there is no cache). */
export async function* readCacheLines(cache: RecordsCacheLocation): AsyncGenerator<CacheLine> {
  const from = (await cache.storage.stat(cache.key)) ? cache : cache.legacy && (await cache.legacy.storage.stat(cache.legacy.key)) ? cache.legacy : undefined;
  if (!from) return;
  const body = await from.storage.get(from.key);
  if (!body) return;
  for await (const text of readLines(body.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>))) {
    if (text !== "") yield JSON.parse(text) as CacheLine;
  }
}

/** A new cache being written; it replaces the old one when committed. */
export interface RecordsCacheWriter {
  /** Queues lines; waits only while the stream is full, not for the lines to reach storage. */
  write(...lines: CacheLine[]): Promise<void>;
  /** Keeps what was written (an interrupted run keeps its records). */
  commit(): Promise<void>;
  /** Drops what was written and keeps the old cache. */
  discard(reason: Error): Promise<void>;
}

/**
 * Starts writing a new cache with its header. A cache that cannot be written only costs API
 * calls next time: writing stops quietly and the run goes on.
 */
export async function createRecordsCacheWriter(
  cache: RecordsCacheLocation,
  header: { source: string; type: string; breeds: readonly string[] },
): Promise<RecordsCacheWriter> {
  // Up to 64 writes (a page of records each) wait in the stream, so the API calls never
  // wait for the disk, which the downloads keep busy.
  const text = new TransformStream<string, string>(undefined, { highWaterMark: 64 });
  let writer: WritableStreamDefaultWriter<string> | undefined = text.writable.getWriter();
  const body = text.readable.pipeThrough(new TextEncoderStream()).pipeThrough(new CompressionStream("gzip"));
  const stored = cache.storage.put(cache.key, body, { contentType: "application/gzip" });
  stored.catch(() => {});
  const write = async (...lines: CacheLine[]) => {
    const current = writer;
    if (!current) return;
    try {
      await current.ready;
    } catch {
      writer = undefined;
      return;
    }
    let out = "";
    for (const line of lines) out += JSON.stringify(line) + "\n";
    current.write(out).catch(() => {
      if (writer === current) writer = undefined;
    });
  };
  await write({ t: "h", v: CACHE_VERSION, source: header.source, type: header.type, breeds: [...header.breeds] });
  return {
    write,
    async commit() {
      // Closing (not aborting) commits what arrived.
      if (!writer) return;
      await writer.close().catch(() => {});
      await stored.catch(() => {});
    },
    async discard(reason) {
      if (!writer) return;
      await writer.abort(reason).catch(() => {});
      await stored.catch(() => {});
    },
  };
}
