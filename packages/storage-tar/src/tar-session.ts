import { StorageClosedError } from "@cat-harvest/storage";
import { EntryIndex } from "./entry-index.js";
import { openArchive, type OpenArchive } from "./open-archive.js";
import type { ResolvedTarStorageOptions } from "./tar-storage-options.js";
import { WriteLane } from "./write-lane.js";

/** What one tar adapter's operations share: its options, the file, the entries, and its open or closed state. */
export interface TarSession {
  readonly options: ResolvedTarStorageOptions;
  /** One writer at a time: puts, deletes and close take turns. */
  readonly lane: WriteLane;
  readonly index: EntryIndex;
  /** Puts and deletes under way: close() lets them finish first. */
  readonly inflight: Set<Promise<unknown>>;
  /** The open archive; the first call opens and scans the file and fills `index`. */
  archive(): Promise<OpenArchive>;
  /** Set by close(): operations called after it are refused. */
  closing: Promise<void> | undefined;
  /** Set once close() has released the file: operations called before close() that get their turn only now are refused. */
  closed: boolean;
}

export function createTarSession(options: ResolvedTarStorageOptions): TarSession {
  const index = new EntryIndex();
  let opening: Promise<OpenArchive> | undefined;
  const load = async () => {
    const { state, entries } = await openArchive(options);
    for (const entry of entries) index.append(entry);
    return state;
  };
  return {
    options,
    lane: new WriteLane(),
    index,
    inflight: new Set(),
    archive: () => (opening ??= load()),
    closing: undefined,
    closed: false,
  };
}

/** Throws `StorageClosedError` once close() was called. */
export function ensureOpen(session: TarSession, operation: string): void {
  if (session.closing) throw new StorageClosedError("tar", operation);
}

/** Registers a put or delete, so close() waits for it. */
export function whileOpen<T>(session: TarSession, task: Promise<T>): Promise<T> {
  session.inflight.add(task);
  const done = () => void session.inflight.delete(task);
  task.then(done, done);
  return task;
}
