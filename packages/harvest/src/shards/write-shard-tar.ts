import type { StorageAdapter } from "@cat-harvest/storage";
import type { StoredSample } from "./shard-ledger.js";
import { tarSize, tarStream, type TarMember } from "./shard-tar.js";

const encoder = new TextEncoder();

/** Reads a row's body back from the spool. */
export type SpoolReader = (key: string) => Promise<ReadableStream<Uint8Array> | Uint8Array>;

/** A stored row's members: its image from the spool, its `.json` line, its `.cls` with labels; bytes made when the tar asks. */
function* sampleMembers(readBody: SpoolReader, sample: StoredSample, spoolKey: string): Generator<TarMember> {
  yield { name: sample.file, size: sample.bytes, body: () => readBody(spoolKey) };
  yield { name: `${sample.key}.json`, size: sample.lineBytes, body: async () => encoder.encode(sample.line) };
  if (sample.cls !== undefined) {
    const cls = String(sample.cls);
    yield { name: `${sample.key}.cls`, size: cls.length, body: async () => encoder.encode(cls) };
  }
}

/**
 * Puts a shard's tar in one put (its length known up front), its stored rows in row order, their
 * bodies read back with `readBody` (row `i`'s under `spoolKey(i)`): the store shows the whole tar
 * under its name, or none of it. Members are made as the tar reaches them, never listed whole.
 */
export async function writeShardTar(
  storage: StorageAdapter,
  key: string,
  samples: () => Iterable<StoredSample>,
  spoolKey: (index: number) => string,
  readBody: SpoolReader,
): Promise<void> {
  function* members() {
    for (const sample of samples()) yield* sampleMembers(readBody, sample, spoolKey(sample.index));
  }
  await storage.put(key, tarStream(members()), { size: tarSize(members()), contentType: "application/x-tar" });
}
