import type { StorageAdapter } from "@cat-harvest/storage";
import type { StoredSample } from "./shard-ledger.js";
import { tarSize, tarStream, type TarMember } from "./shard-tar.js";

const encoder = new TextEncoder();

/** A stored row's members: its image from the spool, its `.json` line, its `.cls` with labels; bytes made when the tar asks. */
function* sampleMembers(storage: StorageAdapter, sample: StoredSample, spoolKey: string): Generator<TarMember> {
  yield {
    name: sample.file,
    size: sample.bytes,
    async body() {
      const body = await storage.get(spoolKey);
      if (!body) throw new Error(`the downloaded body of ${sample.key} is gone from ${spoolKey}`);
      return body;
    },
  };
  yield { name: `${sample.key}.json`, size: sample.lineBytes, body: async () => encoder.encode(sample.line) };
  if (sample.cls !== undefined) {
    const cls = String(sample.cls);
    yield { name: `${sample.key}.cls`, size: cls.length, body: async () => encoder.encode(cls) };
  }
}

/**
 * Puts a shard's tar in one put (its length known up front), its stored rows in row order, their
 * bodies read from `spool` (row `i`'s under `spoolKey(i)`): the store shows the whole tar under
 * its name, or none of it. Members are made as the tar reaches them, never listed whole.
 */
export async function writeShardTar(
  storage: StorageAdapter,
  key: string,
  samples: () => Iterable<StoredSample>,
  spoolKey: (index: number) => string,
  spool: StorageAdapter = storage,
): Promise<void> {
  function* members() {
    for (const sample of samples()) yield* sampleMembers(spool, sample, spoolKey(sample.index));
  }
  await storage.put(key, tarStream(members()), { size: tarSize(members()), contentType: "application/x-tar" });
}
