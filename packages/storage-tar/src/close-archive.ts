import type { TarSession } from "./tar-session.js";

/**
 * close(): refuses new operations at once, lets the puts and deletes under way finish, then
 * syncs and closes the file. Calling it again returns the same promise.
 */
export function closeArchive(session: TarSession): Promise<void> {
  session.closing ??= finish(session);
  return session.closing;
}

async function finish(session: TarSession): Promise<void> {
  await Promise.allSettled([...session.inflight]);
  const release = await session.lane.acquire();
  try {
    // An adapter closed before any write still leaves a valid (empty) archive.
    const archive = await session.archive().catch(() => undefined);
    if (!archive) return;
    if (!session.options.readOnly) await archive.file.sync();
    await archive.file.close();
  } finally {
    session.closed = true;
    release();
  }
}
