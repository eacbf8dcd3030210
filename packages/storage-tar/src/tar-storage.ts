import { mkdir, open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import {
  checkPutArguments,
  collectBody,
  type PutOptions,
  type StorageAdapter,
  type StorageBody,
  StorageCapabilityError,
  StorageClosedError,
  StorageKeyExistsError,
  StorageOptionError,
  type StoredObjectInfo,
  validateKey,
  validatePrefix,
} from "@cat-harvest/storage";
import { TarArchiveError, TarEntryTooLargeError, TarKeyConflictError } from "./errors.js";
import { END_OF_ARCHIVE, TAIL_MEMBER_SIZE, emptyMember, gzipMember, readMember, tailMember } from "./gzip-member.js";
import { packEntry } from "./pack-entry.js";
import { scanTar, scanTarGz, type EntryLocation } from "./scan-archive.js";
import { readAt, writeAt } from "./positional-io.js";
import { paddedSize } from "./tar-header.js";
import { WriteLane } from "./write-lane.js";

/** Bodies without `options.size` are buffered up to this many bytes by default (64 MiB). */
export const DEFAULT_MAX_ENTRY_SIZE = 64 * 1024 * 1024;
/** Uncompressed tar bytes per gzip member (64 KiB). */
const MEMBER_INPUT = 64 * 1024;
/** Bytes per read when `get` streams an entry. */
const READ_CHUNK = 64 * 1024;

export interface TarStorageOptions {
  /**
   * The archive file. Created (with its folder) when missing; an existing archive is
   * scanned and continued.
   * @example "harvest/cats.tar.gz"
   */
  readonly path: string;
  /**
   * Write gzip (a .tar.gz made of gzip members that concatenate to one tar stream).
   * @default true when `path` ends in `.gz` or `.tgz`, otherwise false
   */
  readonly gzip?: boolean;
  /**
   * The most bytes buffered for a body put without `options.size`; a longer body is
   * refused with `TarEntryTooLargeError` and nothing is stored. Bodies with a size stream
   * and have no limit.
   * @default 67_108_864 (64 MiB)
   */
  readonly maxEntrySize?: number;
  /**
   * Flush each entry to the disk (fdatasync) before its `put` resolves. `false` is faster
   * and still leaves a valid archive when the process dies, but not when the machine does.
   * @default true
   */
  readonly fsync?: boolean;
  /**
   * zlib compression level (0-9) for .tar.gz.
   * @default 6
   */
  readonly gzipLevel?: number;
}

/** A `StorageAdapter` writing one tar or tar.gz archive. */
export interface TarStorage extends StorageAdapter {
  /** The archive's path, as given. */
  readonly path: string;
  /** Whether the archive is gzip-compressed. */
  readonly gzip: boolean;
  /**
   * Opens (and for an existing archive, scans and repairs the tail of) the file now.
   * Every other method does this on first use; call it to surface a `TarArchiveError` early.
   */
  ready(): Promise<void>;
}

interface OpenArchive {
  readonly file: FileHandle;
  /** tar: offset of the end-of-archive blocks. tar.gz: offset of the tail member. */
  tail: number;
}

/**
 * Creates a storage adapter that appends entries to one tar (or tar.gz) file. Many
 * concurrent `put`s take turns; after every entry the file is a complete archive; an
 * existing archive is continued. `capabilities.replace` is false, and `delete` only
 * removes the entry at the archive's end.
 *
 * @example
 * const storage = createTarStorage({ path: "out/cats.tar.gz" });
 * await storage.put("Bengal/1-1.jpg", new Uint8Array([0xff, 0xd8]));
 * await storage.close();
 */
export function createTarStorage(options: TarStorageOptions): TarStorage {
  if (typeof options !== "object" || options === null) throw new TypeError("createTarStorage needs an options object, e.g. { path: \"cats.tar.gz\" }");
  if (options.path === undefined || options.path === "") throw new StorageOptionError("tar", "path", 'give the archive file, e.g. { path: "cats.tar.gz" }');
  if (typeof options.path !== "string") throw new TypeError(`createTarStorage: path must be a string, got ${typeof options.path}`);
  const path = options.path;
  const gzip = options.gzip ?? /\.(gz|tgz)$/i.test(path);
  if (typeof gzip !== "boolean") throw new TypeError(`createTarStorage: gzip must be a boolean, got ${typeof gzip}`);
  const maxEntrySize = options.maxEntrySize ?? DEFAULT_MAX_ENTRY_SIZE;
  if (!Number.isSafeInteger(maxEntrySize) || maxEntrySize < 0) {
    throw new TypeError(`createTarStorage: maxEntrySize must be a whole number of bytes >= 0, got ${String(maxEntrySize)}`);
  }
  const level = options.gzipLevel ?? 6;
  if (!Number.isInteger(level) || level < 0 || level > 9) throw new TypeError(`createTarStorage: gzipLevel must be an integer from 0 to 9, got ${String(level)}`);
  const fsync = options.fsync ?? true;

  const lane = new WriteLane();
  const index = new Map<string, EntryLocation>();
  /** Entries in archive order; the last one is the only one `delete` can remove. */
  const order: EntryLocation[] = [];
  /** Folder paths of stored keys, with how many keys lie under each. */
  const folders = new Map<string, number>();
  const track = (entry: EntryLocation, delta: 1 | -1) => {
    for (const folder of foldersOf(entry.key)) {
      const count = (folders.get(folder) ?? 0) + delta;
      if (count > 0) folders.set(folder, count);
      else folders.delete(folder);
    }
  };
  /** Throws unless `key` is new and fits beside the stored keys as a file. */
  const checkNew = (key: string) => {
    if (index.has(key)) throw new StorageKeyExistsError("tar", key);
    if (folders.has(key)) {
      const under = [...index.keys()].find((k) => k.startsWith(`${key}/`)) ?? `${key}/`;
      throw new TarKeyConflictError(key, under);
    }
    for (const folder of foldersOf(key)) if (index.has(folder)) throw new TarKeyConflictError(key, folder);
  };
  let opening: Promise<OpenArchive> | undefined;
  let closing: Promise<void> | undefined;
  let closed = false;

  const ensureOpen = (operation: string) => {
    if (closing) throw new StorageClosedError("tar", operation);
  };

  const archive = (): Promise<OpenArchive> =>
    (opening ??= openArchive(path, gzip).then(({ state, entries }) => {
      for (const entry of entries) {
        const earlier = index.get(entry.key);
        if (earlier) track(earlier, -1);
        index.set(entry.key, entry);
        order.push(entry);
        track(entry, 1);
      }
      return state;
    }));

  const flush = async (file: FileHandle) => {
    if (fsync) await file.datasync();
  };

  /** Appends one entry; the archive stays valid throughout, and the entry appears with one small write. */
  const appendTar = async (state: OpenArchive, key: string, size: number, body: ReadableStream<Uint8Array> | Uint8Array, signal?: AbortSignal) => {
    const { file } = state;
    const start = state.tail;
    // The first 1,024 bytes replace the current end marker, so they are written last.
    const head = new Uint8Array(1024);
    let written = 0;
    try {
      await packEntry(
        key,
        size,
        body,
        async (chunk) => {
          let from = 0;
          if (written < head.byteLength) {
            from = Math.min(chunk.byteLength, head.byteLength - written);
            head.set(chunk.subarray(0, from), written);
          }
          if (from < chunk.byteLength) await writeAt(file, chunk.subarray(from), start + written + from);
          written += chunk.byteLength;
        },
        signal,
        new Date(),
      );
      await flush(file);
      await writeAt(file, head, start);
      await flush(file);
    } catch (error) {
      // The end marker at start is what readers see; put it back (a no-op unless the commit
      // write itself failed) and drop what follows it.
      await writeAt(file, END_OF_ARCHIVE, start)
        .then(() => file.truncate(start + 1024))
        .catch(() => {});
      throw error;
    }
    const length = written - 1024;
    state.tail = start + length;
    return { key, size, start, atomicUndo: true, end: state.tail, data: state.tail - paddedSize(size), skip: 0 } satisfies EntryLocation;
  };

  const appendTarGz = async (state: OpenArchive, key: string, size: number, body: ReadableStream<Uint8Array> | Uint8Array, signal?: AbortSignal) => {
    const { file } = state;
    const start = state.tail;
    let position = start + TAIL_MEMBER_SIZE;
    const members: Array<{ offset: number; from: number }> = [];
    const pending: Uint8Array[] = [];
    let pendingLength = 0;
    let emitted = 0;
    const writeMember = async (bytes: Uint8Array) => {
      const member = await gzipMember(bytes, level);
      members.push({ offset: position, from: emitted });
      await writeAt(file, member, position);
      position += member.byteLength;
      emitted += bytes.byteLength;
    };
    /** The first `length` pending bytes, copying only when they span chunks. */
    const take = (length: number): Uint8Array => {
      pendingLength -= length;
      const first = pending[0];
      if (first && first.byteLength >= length) {
        pending[0] = first.subarray(length);
        return first.subarray(0, length);
      }
      const out = new Uint8Array(length);
      let at = 0;
      while (at < length) {
        const part = pending[0]!;
        const n = Math.min(part.byteLength, length - at);
        out.set(part.subarray(0, n), at);
        at += n;
        if (n === part.byteLength) pending.shift();
        else pending[0] = part.subarray(n);
      }
      return out;
    };
    try {
      await packEntry(
        key,
        size,
        body,
        async (chunk) => {
          pending.push(chunk.slice());
          pendingLength += chunk.byteLength;
          // Hold back 1,024 bytes: the stream ends with tar's end marker, which the tail member carries.
          while (pendingLength >= MEMBER_INPUT + 1024) await writeMember(take(MEMBER_INPUT));
        },
        signal,
        new Date(),
      );
      const rest = take(pendingLength - 1024);
      if (rest.byteLength > 0) await writeMember(rest);
      await writeAt(file, tailMember(), position);
      await flush(file);
      // The old tail becomes an empty member: one write makes the entry part of the archive.
      await writeAt(file, emptyMember(), start);
      await flush(file);
    } catch (error) {
      await writeAt(file, tailMember(), start)
        .then(() => file.truncate(start + TAIL_MEMBER_SIZE))
        .catch(() => {});
      throw error;
    }
    state.tail = position;
    const dataFrom = emitted - paddedSize(size);
    const holder = [...members].reverse().find((m) => m.from <= dataFrom) ?? members[0]!;
    return { key, size, start, atomicUndo: true, end: position, data: holder.offset, skip: dataFrom - holder.from } satisfies EntryLocation;
  };

  /** Puts and deletes under way: close() lets them finish first. */
  const inflight = new Set<Promise<unknown>>();
  const whileOpen = <T>(task: Promise<T>): Promise<T> => {
    inflight.add(task);
    const done = () => void inflight.delete(task);
    task.then(done, done);
    return task;
  };

  const putEntry = async (key: string, body: StorageBody, putOptions?: PutOptions): Promise<void> => {
    checkPutArguments("tar", key, body, putOptions);
    const signal = putOptions?.signal;
    const size = putOptions?.size;
    const isStream = body instanceof ReadableStream;
    const drop = (reason: unknown) => {
      if (isStream && !body.locked) void body.cancel(reason).catch(() => {});
    };
    try {
      signal?.throwIfAborted();
      ensureOpen("put");
      const state = await archive();
      checkNew(key);
      const release = await lane.acquire(signal);
      try {
        // A put called before close() still runs: close() waits for it.
        if (closed) throw new StorageClosedError("tar", "put");
        checkNew(key);
        signal?.throwIfAborted();
        let source: ReadableStream<Uint8Array> | Uint8Array = body;
        let length = size;
        if (length === undefined) {
          source = isStream ? await collectBody(body, signal, { maxBytes: maxEntrySize, tooLarge: (limit) => new TarEntryTooLargeError(key, limit) }) : body;
          length = source.byteLength as number;
        }
        const location = gzip ? await appendTarGz(state, key, length, source, signal) : await appendTar(state, key, length, source, signal);
        index.set(key, location);
        order.push(location);
        track(location, 1);
      } finally {
        release();
      }
    } catch (error) {
      drop(error);
      throw error;
    }
  };

  const deleteEntry = async (key: string): Promise<boolean> => {
    validateKey(key);
    ensureOpen("delete");
    const state = await archive();
    const release = await lane.acquire();
    try {
      if (closed) throw new StorageClosedError("tar", "delete");
      const entry = index.get(key);
      if (!entry) return false;
      const last = order[order.length - 1];
      if (entry !== last || entry.end !== state.tail || entry.start === null) {
        throw new StorageCapabilityError(
          "tar",
          `delete ${JSON.stringify(key)}`,
          "an archive can only remove the entry it stored last; write entries you may rewrite (such as metadata) at the end",
        );
      }
      const { file } = state;
      if (gzip) {
        if (entry.atomicUndo) {
          // The empty member in front of the entry becomes the end marker again.
          await writeAt(file, tailMember(), entry.start);
          await flush(file);
          await file.truncate(entry.start + TAIL_MEMBER_SIZE);
        } else {
          await file.truncate(entry.start);
          await writeAt(file, tailMember(), entry.start);
        }
        state.tail = entry.start;
      } else {
        await writeAt(file, END_OF_ARCHIVE, entry.start);
        await flush(file);
        await file.truncate(entry.start + 1024);
        state.tail = entry.start;
      }
      await flush(file);
      order.pop();
      index.delete(key);
      track(entry, -1);
      // A foreign archive may hold an earlier entry under the same key: it is visible again.
      for (let i = order.length - 1; i >= 0; i--) {
        if (order[i]!.key === key) {
          index.set(key, order[i]!);
          track(order[i]!, 1);
          break;
        }
      }
      return true;
    } finally {
      release();
    }
  };

  const storage: TarStorage = {
    name: "tar",
    capabilities: { read: true, list: true, replace: false },
    path,
    gzip,
    async ready() {
      await archive();
    },

    put(key: string, body: StorageBody, putOptions?: PutOptions) {
      return whileOpen(putEntry(key, body, putOptions));
    },

    async stat(key: string): Promise<StoredObjectInfo | null> {
      validateKey(key);
      if (!closing) await archive();
      const entry = index.get(key);
      return entry ? { key, size: entry.size } : null;
    },

    async get(key: string) {
      validateKey(key);
      ensureOpen("get");
      const { file } = await archive();
      const entry = index.get(key);
      if (!entry) return null;
      return gzip ? readGzEntry(file, entry) : readTarEntry(file, entry);
    },

    async *list(prefix?: string) {
      const p = validatePrefix(prefix);
      if (!closing) await archive();
      for (const [key, entry] of [...index]) if (key.startsWith(p)) yield { key, size: entry.size };
    },

    delete(key: string) {
      return whileOpen(deleteEntry(key));
    },

    close() {
      closing ??= (async () => {
        await Promise.allSettled([...inflight]);
        const release = await lane.acquire();
        try {
          // An adapter closed before any write still leaves a valid (empty) archive.
          const state = await archive().catch(() => undefined);
          if (!state) return;
          await state.file.sync();
          await state.file.close();
        } finally {
          closed = true;
          release();
        }
      })();
      return closing;
    },
  };

  const readTarEntry = (file: FileHandle, entry: EntryLocation): ReadableStream<Uint8Array> => {
    let at = 0;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (at >= entry.size) return controller.close();
        if (closed) return controller.error(new StorageClosedError("tar", "reading a body"));
        const bytes = await readAt(file, entry.data + at, Math.min(READ_CHUNK, entry.size - at));
        if (bytes.byteLength === 0) return controller.error(new TarArchiveError(path, `the archive ends inside the entry ${JSON.stringify(entry.key)}`, entry.data + at, { operation: "read" }));
        at += bytes.byteLength;
        controller.enqueue(bytes);
        if (at >= entry.size) controller.close();
      },
    });
  };

  const readGzEntry = (file: FileHandle, entry: EntryLocation): ReadableStream<Uint8Array> => {
    let offset = entry.data;
    let skip = entry.skip;
    let left = entry.size;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (left <= 0) return controller.close();
        if (closed) return controller.error(new StorageClosedError("tar", "reading a body"));
        const { size } = await file.stat();
        const member = await readMember((o, n) => readAt(file, o, n), offset, size);
        if (member.kind !== "member") {
          return controller.error(new TarArchiveError(path, `the gzip member holding ${JSON.stringify(entry.key)} cannot be read`, offset, { operation: "read" }));
        }
        offset += member.length;
        const part = member.data.subarray(Math.min(skip, member.data.length), Math.min(member.data.length, skip + left));
        skip = Math.max(0, skip - member.data.length);
        left -= part.byteLength;
        if (part.byteLength > 0) controller.enqueue(part);
        if (left <= 0) controller.close();
      },
    });
  };

  return storage;
}

/** `a/b/c.jpg` -> `a`, `a/b`. */
function foldersOf(key: string): string[] {
  const out: string[] = [];
  for (let at = key.indexOf("/"); at >= 0; at = key.indexOf("/", at + 1)) out.push(key.slice(0, at));
  return out;
}

/** Opens (creating) the file, scans an existing archive and puts its end marker right. */
async function openArchive(path: string, gzip: boolean): Promise<{ state: OpenArchive; entries: EntryLocation[] }> {
  await mkdir(dirname(path), { recursive: true });
  let file: FileHandle;
  try {
    file = await open(path, "r+");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new TarArchiveError(path, `it cannot be opened for reading and writing (${(error as Error).message})`, undefined, { cause: error });
    }
    file = await open(path, "w+");
  }
  try {
    const { size } = await file.stat();
    const read = (offset: number, length: number) => readAt(file, offset, length);
    const write = (bytes: Uint8Array, offset: number) => writeAt(file, bytes, offset);
    let tail = 0;
    let entries: EntryLocation[] = [];
    if (size > 0) {
      const scan = gzip ? await scanTarGz(read, size, path) : await scanTar(read, size, path);
      entries = scan.entries;
      tail = scan.end;
      if (gzip && scan.tailInPlace) {
        if (size !== tail + TAIL_MEMBER_SIZE) await file.truncate(tail + TAIL_MEMBER_SIZE);
        await file.datasync();
        return { state: { file, tail }, entries };
      }
    }
    // A new archive, or one whose end marker is missing or followed by an interrupted entry:
    // write the marker first (the archive is then valid), then drop what follows it.
    const marker = gzip ? tailMember() : END_OF_ARCHIVE;
    const current = await read(tail, marker.byteLength + 1);
    if (!(current.byteLength === marker.byteLength && current.every((b, i) => b === marker[i]))) {
      await write(marker, tail);
      await file.truncate(tail + marker.byteLength);
      await file.datasync();
    }
    return { state: { file, tail }, entries };
  } catch (error) {
    await file.close().catch(() => {});
    throw error;
  }
}
