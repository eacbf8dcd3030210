import { TarArchiveError } from "./errors.js";
import type { GzMemberSource, Member } from "./gz-member-source.js";
import { TAIL_MEMBER_SIZE } from "./gzip-member.js";
import type { EntryLocation, LogicalEntry } from "./scan-archive.js";

/** Where a walked entry of a .tar.gz lies in the file: the members it starts and ends at, and whether it can be undone. */
export function locateGzEntry({ members, produced, nextOffset }: GzMemberSource, e: LogicalEntry): EntryLocation {
  let first = firstFrom(members, e.headerStart);
  while (members[first] && members[first]!.start === e.headerStart && members[first]!.length === 0) first++;
  if (members[first]?.start !== e.headerStart) first = -1;
  // The member holding the data's first byte: the last non-empty one starting at or before it.
  let h = firstFrom(members, e.dataStart + 1) - 1;
  while (h >= 0 && members[h]!.length === 0) h--;
  const holder = h >= 0 && e.dataStart < members[h]!.start + members[h]!.length ? members[h] : members[first];
  const next = members[firstFrom(members, e.end)];
  const endOffset = next ? next.offset : nextOffset;
  // Undoable only when the entry has whole members to itself.
  const aligned = first >= 0 && (next ? next.start === e.end : produced === e.end);
  const before = members[first - 1];
  const atomicUndo = aligned && !!before && before.length === 0 && before.size === TAIL_MEMBER_SIZE && before.start === e.headerStart;
  return {
    key: e.key,
    size: e.size,
    start: !aligned ? null : atomicUndo ? before!.offset : members[first]!.offset,
    atomicUndo,
    end: endOffset,
    data: holder ? holder.offset : nextOffset,
    skip: holder ? e.dataStart - holder.start : 0,
  };
}

const NOT_APPENDABLE =
  "the archive's end is inside a gzip member (it was not written by storage-tar), so entries cannot be appended in place; gunzip it to a .tar, or use a new path";

/**
 * Where new entries go: the first member at or after the walked stream's end (which must
 * start exactly there), or the file's end. Throws `TarArchiveError` when the end lies inside a member.
 */
export function gzAppendPoint({ members, nextOffset }: GzMemberSource, walkedEnd: number, path: string): { end: number; tailInPlace: boolean } {
  const atEnd = members.find((m) => m.start >= walkedEnd);
  if (atEnd) {
    if (atEnd.start !== walkedEnd) throw new TarArchiveError(path, NOT_APPENDABLE, atEnd.offset);
    return { end: atEnd.offset, tailInPlace: atEnd.isTail };
  }
  const last = members[members.length - 1];
  if (last && last.start + last.length > walkedEnd) throw new TarArchiveError(path, NOT_APPENDABLE, last.offset);
  return { end: nextOffset, tailInPlace: false };
}

/** Index of the first member whose output starts at or after `logical` (members are in order). */
function firstFrom(members: readonly Member[], logical: number): number {
  let low = 0;
  let high = members.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (members[mid]!.start < logical) low = mid + 1;
    else high = mid;
  }
  return low;
}
