/** What a lock says about the run that holds it. */
export interface LockRecord {
  /** Random, one per run: only the run holding this token refreshes or removes the lock. */
  readonly token: string;
  readonly pid: number;
  /** The host name of the machine the run is on. */
  readonly host: string;
  /** The machine's boot id where the runtime can read one (Linux); a different one means it restarted since. */
  readonly bootId?: string;
  /** When the run took the lock (ISO 8601, UTC). */
  readonly startedAt: string;
  /** When the run last said it is alive (ISO 8601, UTC). */
  readonly heartbeatAt: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The record as the lock holds it: one line of JSON. */
export function encodeLockRecord(record: LockRecord): Uint8Array {
  return encoder.encode(`${JSON.stringify({ tool: "cat-harvest", ...record })}\n`);
}

/** The record in a lock's bytes, or `undefined` when they are not one (torn, or not ours). */
export function parseLockRecord(bytes: Uint8Array): LockRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const ok =
    typeof v.token === "string" &&
    Number.isSafeInteger(v.pid) &&
    typeof v.host === "string" &&
    (v.bootId === undefined || typeof v.bootId === "string") &&
    typeof v.startedAt === "string" &&
    typeof v.heartbeatAt === "string" &&
    Number.isFinite(Date.parse(v.heartbeatAt));
  if (!ok) return undefined;
  return {
    token: v.token as string,
    pid: v.pid as number,
    host: v.host as string,
    ...(typeof v.bootId === "string" ? { bootId: v.bootId } : {}),
    startedAt: v.startedAt as string,
    heartbeatAt: v.heartbeatAt as string,
  };
}

/** `pid 1234 on host-a since 2026-11-28T09:01:02Z (heartbeat 3 s ago)`: who holds a lock, for messages. */
export function describeLockHolder(record: LockRecord, now: number): string {
  const age = Math.max(0, Math.round((now - Date.parse(record.heartbeatAt)) / 1000));
  return `pid ${record.pid} on ${record.host} since ${record.startedAt.replace(/\.\d{3}Z$/, "Z")} (heartbeat ${age} s ago)`;
}
