import type { StorageAdapter } from "@cat-harvest/storage";
import { STATE_FILE } from "./dataset-files.js";
import { stateLines, type StateLine } from "./dataset-state.js";

/**
 * Appends state lines to the state file as files are stored, a batch per write, so a run
 * killed at any moment keeps what it stored (the last lines a kill cut off only leave files
 * unlisted, which the next run re-hashes and keeps). Only for storage that can `append`.
 */
export interface Journal {
  /** Queues a line; it reaches the file with the next write. */
  add(line: StateLine | Promise<StateLine>): void;
  /** Resolves once every queued line is written (or writing failed: the journal only speeds up resuming). */
  flush(): Promise<void>;
}

/**
 * @param onUnwritten The lines of a write that failed, and of every batch after it (the journal
 * stops writing after a failure): the caller keeps what it must not lose (their rows).
 */
export function createJournal(
  storage: StorageAdapter & { append(key: string, bytes: Uint8Array): Promise<void> },
  onUnwritten: (lines: readonly StateLine[]) => void = () => {},
): Journal {
  const encoder = new TextEncoder();
  let queued: StateLine[] = [];
  let pending = 0;
  let writing: Promise<void> | undefined;
  let broken = false;
  let idle: (() => void)[] = [];

  const settle = () => {
    if (pending > 0 || writing || queued.length > 0) return;
    for (const resolve of idle) resolve();
    idle = [];
  };
  const write = () => {
    if (writing || queued.length === 0) return settle();
    const batch = queued;
    queued = [];
    writing = (broken ? Promise.reject(new Error("the journal stopped")) : storage.append(STATE_FILE, encoder.encode(stateLines(batch))))
      .catch(() => {
        broken = true;
        onUnwritten(batch);
      })
      .finally(() => {
        writing = undefined;
        write();
      });
  };
  return {
    add(line) {
      pending++;
      void Promise.resolve(line)
        .then(
          (ready) => void queued.push(ready),
          () => {},
        )
        .finally(() => {
          pending--;
          write();
        });
    },
    flush() {
      return new Promise((resolve) => {
        idle.push(resolve);
        settle();
      });
    },
  };
}
