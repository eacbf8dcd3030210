import type { LockRecord } from "./lock-record.js";

/** Who is asking: the run that wants the lock, and how it tells a dead process. */
export interface LockSelf {
  readonly host: string;
  readonly bootId?: string | undefined;
  /**
   * Whether a process of this host is alive: `false` (gone), `true`, or `undefined` when the
   * runtime cannot tell. The command passes `process.kill(pid, 0)`; a library cannot.
   */
  readonly isProcessAlive?: ((pid: number) => boolean | undefined) | undefined;
}

/**
 * Why a lock no longer protects a live run, or `undefined` while it does:
 * on the same host, its process is gone or the machine restarted since (another boot id);
 * on any host, its heartbeat is older than `staleAfterMs`.
 */
export function lockStaleness(holder: LockRecord, self: LockSelf, now: number, staleAfterMs: number): string | undefined {
  if (holder.host === self.host) {
    if (holder.bootId !== undefined && self.bootId !== undefined && holder.bootId !== self.bootId) return "the machine has restarted since";
    if (self.isProcessAlive?.(holder.pid) === false) return `its process ${holder.pid} is gone`;
  }
  const age = now - Date.parse(holder.heartbeatAt);
  if (age > staleAfterMs) return `its heartbeat is ${Math.round(age / 1000)} s old (more than ${Math.round(staleAfterMs / 1000)} s)`;
  return undefined;
}
