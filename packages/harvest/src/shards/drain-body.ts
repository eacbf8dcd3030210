/**
 * Reads a tar member's body to its end. modern-tar 0.8's decoder stalls when a body is cancelled
 * while later bytes of it are still to come, so members are never cancelled.
 */
export async function drain(body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  try {
    while (!(await reader.read()).done);
  } finally {
    reader.releaseLock();
  }
}
