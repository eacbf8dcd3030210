import {
  DUPLICATES_FILE,
  failureRowOf,
  metadataRowOf,
  readShardMembers,
  readShardRows,
  shardFiles,
  type MetadataRow,
  type ShardPlan,
} from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import type { DatasetReader } from "./dataset-reader.js";
import { readText, textLines } from "./read-text.js";

/** A photo larger than this is not read for a thumbnail (a broken or hostile file, not a photo). */
const MAX_PHOTO_BYTES = 64 * 1024 * 1024;

/** A tar member's name as the report shows it: `00000.tar:000000042.jpg`. */
const memberName = (tar: string, member: string) => `${tar}:${member}`;
const splitMember = (fileName: string) => {
  const at = fileName.indexOf(":");
  return { tar: fileName.slice(0, at), member: fileName.slice(at + 1) };
};

/**
 * Reads a `webdataset` data set (tar shards, `downloadList({ format: "webdataset" })`) through its
 * storage adapter: the rows of every finished shard's `.jsonl`, the later copies `_duplicates.jsonl`
 * lists counted as duplicates (as `_summary.json` counts them), photos streamed out of the tars
 * (`photos` reads each tar once, for every sampled member in it). A row's `file_name` is
 * `<shard>.tar:<member>`; breeds are counted from the rows (there is no breeds.csv).
 */
export function readShardsLayout(storage: StorageAdapter, plan: ShardPlan): DatasetReader {
  let copies: Promise<Map<string, string>> | undefined;
  const crossShardCopies = () => (copies ??= readCopies(storage));
  return {
    layout: "webdataset",
    async *rows(onUnreadable) {
      const later = await crossShardCopies();
      for await (const { shard, line } of readShardRows(storage, plan, onUnreadable)) {
        if (line.status !== "stored" || later.has(line.key)) continue;
        yield metadataRowOf({ ...line, file: memberName(shardFiles(plan.format, shard).tar, line.file!) });
      }
    },
    // The same files as `rows`, which already passed their damaged lines on: not counted twice.
    async *failures() {
      const later = await crossShardCopies();
      for await (const { line } of readShardRows(storage, plan, () => {})) {
        if (line.status !== "stored") yield failureRowOf(line);
        else if (later.has(line.key)) yield failureRowOf(line, later.get(line.key));
      }
    },
    breedCounts: async () => undefined,
    text: (key) => readText(storage, key),
    async photo(row) {
      for await (const found of shardPhotos(storage, [row])) return found.bytes;
      return undefined;
    },
    photos: (rows) => shardPhotos(storage, rows),
  };
}

/** The sampled photos out of the tars: each tar read once, in name order, for all its wanted members. */
async function* shardPhotos(storage: StorageAdapter, rows: readonly MetadataRow[]): AsyncGenerator<{ row: MetadataRow; bytes: Uint8Array }> {
  const byTar = new Map<string, Map<string, MetadataRow>>();
  for (const row of rows) {
    const { tar, member } = splitMember(row.file_name);
    let members = byTar.get(tar);
    if (!members) byTar.set(tar, (members = new Map()));
    members.set(member, row);
  }
  for (const tar of [...byTar.keys()].sort()) {
    const members = byTar.get(tar)!;
    for await (const { name, bytes } of readShardMembers(storage, tar, new Set(members.keys()), { maxBytes: MAX_PHOTO_BYTES })) {
      yield { row: members.get(name)!, bytes };
    }
  }
}

/** `_duplicates.jsonl`: each later copy's key and the member holding its content. */
async function readCopies(storage: StorageAdapter): Promise<Map<string, string>> {
  const copies = new Map<string, string>();
  for await (const line of textLines(storage, DUPLICATES_FILE)) {
    if (line.trim() === "") continue;
    try {
      const { key, duplicate_of } = JSON.parse(line) as { key?: unknown; duplicate_of?: unknown };
      if (typeof key === "string") copies.set(key, typeof duplicate_of === "string" ? duplicate_of : "");
    } catch {
      // A damaged list: that copy is counted as a photo; `verify` says what is wrong.
    }
  }
  return copies;
}
