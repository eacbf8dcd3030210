import type { StorageAdapter } from "@cat-harvest/storage";
import type { Env } from "./command-io.js";
import { openDestination, type OpenedDestination } from "./open-destination.js";

/**
 * Runs `use` with DEST opened as a queued run's enqueue opens it: workers may be writing into
 * it now, so their temporary files are not swept as leftovers. Closed after, whatever happens.
 */
export async function withSharedStorage<T>(dest: string, env: Env, use: (storage: StorageAdapter, opened: OpenedDestination) => Promise<T>): Promise<T> {
  const opened = await openDestination(dest, env);
  try {
    const storage = await opened.openStorage({ sweepTemporaryFiles: false });
    try {
      return await use(storage, opened);
    } finally {
      await storage.close();
    }
  } finally {
    await opened.close();
  }
}
