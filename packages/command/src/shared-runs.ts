import type { StorageAdapter } from "@cat-harvest/storage";
import type { CommandIO } from "./command-io.js";
import { openDestination, type OpenedDestination } from "./open-destination.js";

/** The DESTs a worker's jobs name, each opened once (with the worker's own credentials) and kept for its next jobs. */
export interface SharedRuns {
  /** DEST's storage, opened on first use. */
  storage(out: string): Promise<StorageAdapter>;
  /** `make()`'s result under `key`, made once; a failure is not kept (the next job tries again). */
  once<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** Closes every DEST opened. */
  close(): Promise<void>;
}

export function sharedRuns(io: CommandIO): SharedRuns {
  const made = new Map<string, Promise<unknown>>();
  const opened: Array<Promise<{ opened: OpenedDestination; storage: StorageAdapter }>> = [];
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    let promise = made.get(key) as Promise<T> | undefined;
    if (!promise) {
      made.set(key, (promise = make()));
      promise.catch(() => made.delete(key));
    }
    return promise;
  };
  return {
    once,
    storage: (out) =>
      once(`storage:${out}`, async () => {
        // Other workers write into DEST meanwhile: their temporary files are not leftovers to sweep.
        const destination = openDestination(out, io.env).then(async (dest) => ({
          opened: dest,
          storage: await dest.openStorage({ sweepTemporaryFiles: false }),
        }));
        opened.push(destination);
        return (await destination).storage;
      }),
    async close() {
      for (const run of opened) {
        const done = await run.catch(() => undefined);
        await done?.storage.close().catch(() => {});
        await done?.opened.close();
      }
    },
  };
}
