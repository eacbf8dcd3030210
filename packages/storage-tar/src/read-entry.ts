import type { ArchiveFile } from "./archive-file.js";
import { StorageClosedError } from "@cat-harvest/storage";
import { TarArchiveError } from "./errors.js";
import { readMember } from "./gzip-member.js";
import { readAt } from "./positional-io.js";
import type { EntryLocation } from "./scan-archive.js";

/** Bytes per read when `get` streams an entry. */
const READ_CHUNK = 64 * 1024;

/** Where an entry is read from, and whether the adapter has closed the file meanwhile. */
export interface EntrySource {
  readonly file: ArchiveFile;
  /** The archive's path, for messages. */
  readonly path: string;
  readonly isClosed: () => boolean;
}

/** An entry's body as a stream, read from the file as the consumer pulls. */
export function readEntry(source: EntrySource, entry: EntryLocation, gzip: boolean): ReadableStream<Uint8Array> {
  return gzip ? readGzEntry(source, entry) : readTarEntry(source, entry);
}

function readTarEntry({ file, path, isClosed }: EntrySource, entry: EntryLocation): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (at >= entry.size) return controller.close();
      if (isClosed()) return controller.error(new StorageClosedError("tar", "reading a body"));
      const bytes = await readAt(file, entry.data + at, Math.min(READ_CHUNK, entry.size - at));
      if (bytes.byteLength === 0) {
        return controller.error(
          new TarArchiveError(path, `the archive ends inside the entry ${JSON.stringify(entry.key)}`, entry.data + at, { operation: "read" }),
        );
      }
      at += bytes.byteLength;
      controller.enqueue(bytes);
      if (at >= entry.size) controller.close();
    },
  });
}

function readGzEntry({ file, path, isClosed }: EntrySource, entry: EntryLocation): ReadableStream<Uint8Array> {
  let offset = entry.data;
  let skip = entry.skip;
  let left = entry.size;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (left <= 0) return controller.close();
      if (isClosed()) return controller.error(new StorageClosedError("tar", "reading a body"));
      const { size } = await file.stat();
      const member = await readMember((o, n) => readAt(file, o, n), offset, size);
      if (member.kind !== "member") {
        return controller.error(
          new TarArchiveError(path, `the gzip member holding ${JSON.stringify(entry.key)} cannot be read`, offset, { operation: "read" }),
        );
      }
      offset += member.length;
      const part = member.data.subarray(Math.min(skip, member.data.length), Math.min(member.data.length, skip + left));
      skip = Math.max(0, skip - member.data.length);
      left -= part.byteLength;
      if (part.byteLength > 0) controller.enqueue(part);
      if (left <= 0) controller.close();
    },
  });
}
