import { PHOTO_SIZES, tryParsePhotoUrl, type PhotoSize } from "@cat-harvest/photos";
import { byImages, type BreedCount, type MetadataRow } from "./dataset-files.js";
import type { NameTable } from "./name-table.js";
import { createSlotColumn } from "./slot-column.js";

/** What the data set keeps of a listed file: enough to decide, de-duplicate and count, not its metadata line. */
export interface StoredRow {
  readonly file_name: string;
  readonly bytes: number;
  readonly sha256: string;
  /** The photo size its `source_url` names, when it names one. */
  readonly size?: PhotoSize;
}

/**
 * The files metadata.jsonl lists, by slot of the data set's name table, in typed arrays: a
 * listed file costs its name, 32 bytes of SHA-256 and some 16 more, never its metadata line
 * (which stays on the store: metadata.jsonl and the journal).
 */
export interface StoredFiles {
  /** Files listed. */
  readonly count: number;
  readonly bytes: number;
  /** Lists a file (replacing an earlier row of it); returns its slot. */
  keep(row: MetadataRow, fresh: boolean): number;
  /** Unlists a file; `false` when it was not listed. */
  remove(slot: number): boolean;
  isListed(slot: number): boolean;
  /** Listed by this run. */
  isFresh(slot: number): boolean;
  /** The listed file's row, or `undefined`. */
  row(slot: number): StoredRow | undefined;
  /** Whether `slot` is listed with exactly these bytes. */
  holds(slot: number, row: Pick<MetadataRow, "bytes" | "sha256">): boolean;
  /** The listed slots, in slot order. */
  listed(): Generator<number>;
  /** Stored files per breed, most first. */
  counts(): BreedCount[];
  /** The sources the listed files came from. */
  sources(): Set<string>;
}

const LISTED = 1;
const FRESH = 2;

export function createStoredFiles(names: NameTable): StoredFiles {
  const flags = createSlotColumn(Uint8Array);
  const sizes = createSlotColumn(Float64Array);
  const sha = createSlotColumn(Uint8Array, 32);
  // (breed, folder) and source, numbered: a few dozen values shared by every file.
  const groups = createSlotColumn(Uint32Array);
  const sourceOf = createSlotColumn(Uint32Array);
  const photoSize = createSlotColumn(Uint8Array);
  const groupNames: string[] = [];
  const groupIds = new Map<string, number>();
  const sourceNames: string[] = [""];
  const sourceIds = new Map<string, number>();
  let count = 0;
  let bytes = 0;

  const groupOf = (breed: string, fileName: string) => {
    const slash = fileName.lastIndexOf("/");
    const id = `${breed}\u0000${slash === -1 ? "" : fileName.slice(0, slash)}`;
    let n = groupIds.get(id);
    if (n === undefined) groupIds.set(id, (n = groupNames.push(id) - 1));
    return n;
  };
  const sourceId = (source: string | undefined) => {
    if (source === undefined) return 0;
    let n = sourceIds.get(source);
    if (n === undefined) sourceIds.set(source, (n = sourceNames.push(source) - 1));
    return n;
  };
  const isListed = (slot: number) => slot >= 0 && (flags.get(slot) & LISTED) !== 0;
  const shaHex = (slot: number) => Array.from(sha.view(slot), (b) => b.toString(16).padStart(2, "0")).join("");

  return {
    get count() {
      return count;
    },
    get bytes() {
      return bytes;
    },
    keep(row, fresh) {
      const slot = names.intern(row.file_name);
      if (isListed(slot)) bytes -= sizes.get(slot);
      else count++;
      flags.set(slot, LISTED | (fresh ? FRESH : 0));
      sizes.set(slot, row.bytes);
      bytes += row.bytes;
      for (let i = 0; i < 32; i++) sha.set(slot, parseInt(row.sha256.slice(i * 2, i * 2 + 2), 16), i);
      groups.set(slot, groupOf(row.breed, row.file_name));
      sourceOf.set(slot, sourceId(row.source));
      const parsed = tryParsePhotoUrl(row.source_url);
      photoSize.set(slot, parsed.ok ? PHOTO_SIZES.indexOf(parsed.value.size) + 1 : 0);
      return slot;
    },
    remove(slot) {
      if (!isListed(slot)) return false;
      flags.set(slot, 0);
      count--;
      bytes -= sizes.get(slot);
      return true;
    },
    isListed,
    isFresh: (slot) => (flags.get(slot) & FRESH) !== 0,
    row(slot) {
      if (!isListed(slot)) return undefined;
      const size = PHOTO_SIZES[photoSize.get(slot) - 1];
      return { file_name: names.name(slot), bytes: sizes.get(slot), sha256: shaHex(slot), ...(size ? { size } : {}) };
    },
    holds(slot, row) {
      if (!isListed(slot) || sizes.get(slot) !== row.bytes) return false;
      const view = sha.view(slot);
      for (let i = 0; i < 32; i++) if (view[i] !== parseInt(row.sha256.slice(i * 2, i * 2 + 2), 16)) return false;
      return true;
    },
    *listed() {
      for (let slot = 0; slot < names.size; slot++) if (isListed(slot)) yield slot;
    },
    counts() {
      const perGroup = new Map<number, number>();
      for (let slot = 0; slot < names.size; slot++) if (isListed(slot)) perGroup.set(groups.get(slot), (perGroup.get(groups.get(slot)) ?? 0) + 1);
      return [...perGroup]
        .map(([group, images]) => {
          const [breed, folder] = groupNames[group]!.split("\u0000") as [string, string];
          return { breed, folder, images };
        })
        .sort(byImages);
    },
    sources() {
      const out = new Set<string>();
      for (let slot = 0; slot < names.size; slot++) if (isListed(slot) && sourceOf.get(slot) !== 0) out.add(sourceNames[sourceOf.get(slot)]!);
      return out;
    },
  };
}
