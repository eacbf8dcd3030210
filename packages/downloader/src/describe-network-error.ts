/**
 * The messages and codes along an error's `cause` chain, joined: Node's fetch hides the
 * socket error (ECONNRESET, ...) in `cause`, and a message should name it.
 */
export function describeNetworkError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    const e = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof e.message === "string" && e.message !== "") parts.push(e.message);
    if (typeof e.code === "string") parts.push(e.code);
    current = e.cause;
  }
  return parts.length > 0 ? [...new Set(parts)].join(": ") : String(error);
}
