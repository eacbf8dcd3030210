import type { StorageAdapter } from "@cat-harvest/storage";
import type { PlacedRow } from "./download-shard-rows.js";
import type { ShardRowLine } from "./shard-result.js";
import { tarSize, tarStream, type TarMember } from "./shard-tar.js";

const encoder = new TextEncoder();

/** Reads a row's body back from the spool. */
export type SpoolReader = (key: string) => Promise<ReadableStream<Uint8Array> | Uint8Array>;

/** A stored row's members: its image from the spool, its `.json` line, its `.cls` with labels. */
function sampleMembers(readBody: SpoolReader, line: ShardRowLine, spoolKey: string): TarMember[] {
  const json = encoder.encode(JSON.stringify(line));
  const members: TarMember[] = [
    {
      name: line.file!,
      size: line.bytes!,
      body: () => readBody(spoolKey),
    },
    { name: `${line.key}.json`, size: json.byteLength, body: async () => json },
  ];
  if (line.cls !== undefined) {
    const cls = encoder.encode(String(line.cls));
    members.push({ name: `${line.key}.cls`, size: cls.byteLength, body: async () => cls });
  }
  return members;
}

/**
 * Puts a shard's tar in one put (its length known up front), its stored rows in row order, their
 * bodies read from the spool: the store shows the whole tar under its name, or none of it.
 */
export async function writeShardTar(
  storage: StorageAdapter,
  key: string,
  lines: readonly ShardRowLine[],
  placed: readonly PlacedRow[],
  readBody: SpoolReader,
): Promise<void> {
  const members = lines.flatMap((line, i) => (line.status === "stored" ? sampleMembers(readBody, line, placed[i]!.target!) : []));
  await storage.put(key, tarStream(members), { size: tarSize(members), contentType: "application/x-tar" });
}
