import { shardName, type ShardRow } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import { QueueError } from "./errors.js";

/** Where the queue keeps each shard's rows in the run's storage, for workers on other machines to read. */
export const SHARD_INPUTS_PREFIX = "_inputs/";

/** The storage key of a shard's rows: `_inputs/00000.jsonl.gz`. */
export function shardInputKey(index: number): string {
  return `${SHARD_INPUTS_PREFIX}${shardName(index)}.jsonl.gz`;
}

/**
 * Stores a shard's rows (`shardRows`' rows, refused lines with their failure, a harvest's rows with their origin) as gzipped JSON lines under `shardInputKey(index)`, streamed (never
 * held whole), in one put: a reader sees the whole part or none. Resolves to the row count.
 */
export async function writeShardInput(storage: StorageAdapter, index: number, rows: AsyncIterable<ShardRow>, signal?: AbortSignal): Promise<number> {
  let count = 0;
  const encoder = new TextEncoder();
  async function* lines(): AsyncGenerator<Uint8Array> {
    for await (const row of rows) {
      count++;
      // A refused line keeps its failure: the worker records it in its shard, as one process does.
      // A harvest's row keeps its place and record: the worker stores it under the harvest's name.
      const { url, label, line, failure, origin } = row;
      const fields = { url, ...(label === undefined ? {} : { label }), line, ...(failure ? { failure } : {}), ...(origin ? { origin } : {}) };
      yield encoder.encode(`${JSON.stringify(fields)}\n`);
    }
  }
  const body = iterableStream(lines()).pipeThrough(gzip(new CompressionStream("gzip")));
  await storage.put(shardInputKey(index), body, { contentType: "application/gzip", ...(signal ? { signal } : {}) });
  return count;
}

/** Reads a shard's rows back, streamed. Throws `QueueError` when the part is missing or a line is not a row. */
export async function* readShardInput(storage: StorageAdapter, key: string): AsyncGenerator<ShardRow> {
  const body = await storage.get(key);
  if (!body)
    throw new QueueError(`The shard input ${JSON.stringify(key)} is missing from ${storage.name} storage; re-run the enqueue command, which writes it again`);
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of body.pipeThrough(gzip(new DecompressionStream("gzip"))) as unknown as AsyncIterable<Uint8Array>) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) if (line) yield parseRow(key, line);
  }
  rest += decoder.decode();
  if (rest) yield parseRow(key, rest);
}

function parseRow(key: string, line: string): ShardRow {
  const row = JSON.parse(line) as Partial<ShardRow>;
  if (typeof row.url !== "string" || typeof row.line !== "number")
    throw new QueueError(`The shard input ${JSON.stringify(key)} holds a line that is not a row; re-run the enqueue command to write it again`);
  return row as ShardRow;
}

function iterableStream(chunks: AsyncIterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}

// DOM's typings give the (de)compression streams a BufferSource writable side; they take Uint8Array chunks.
function gzip(stream: CompressionStream | DecompressionStream): ReadableWritablePair<Uint8Array, Uint8Array> {
  return stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
}
