import { readOnlyError, StorageCapabilityError, StorageClosedError, validateKey } from "@cat-harvest/storage";
import { removeLastEntry } from "./remove-last-entry.js";
import { ensureOpen, type TarSession } from "./tar-session.js";

/** A delete: only the entry stored last can go (`StorageCapabilityError` otherwise, and always when read-only); `false` when there is none under `key`. */
export async function deleteEntry(session: TarSession, key: string): Promise<boolean> {
  validateKey(key);
  if (session.options.readOnly) throw readOnlyError("tar", `delete ${JSON.stringify(key)}`);
  ensureOpen(session, "delete");
  const archive = await session.archive();
  const release = await session.lane.acquire();
  try {
    if (session.closed) throw new StorageClosedError("tar", "delete");
    const entry = session.index.get(key);
    if (!entry) return false;
    if (entry !== session.index.last || entry.end !== archive.tail || entry.start === null) {
      throw new StorageCapabilityError(
        "tar",
        `delete ${JSON.stringify(key)}`,
        "an archive can only remove the entry it stored last; write entries you may rewrite (such as metadata) at the end",
      );
    }
    await removeLastEntry(archive, { ...entry, start: entry.start }, session.options);
    session.index.removeLast(key);
    return true;
  } finally {
    release();
  }
}
