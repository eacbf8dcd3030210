import { readFile } from "node:fs/promises";
import { hostname } from "node:os";
import process from "node:process";
import type { LockSelf } from "@cat-harvest/storage";

/** Who this run is, for a data set's lock: the lock mechanism takes it as arguments. */
export interface RuntimeIdentity extends LockSelf {
  readonly pid: number;
  readonly host: string;
}

/** Linux's id of this boot: another one in a lock of this host means the machine restarted since. */
const BOOT_ID_PATH = "/proc/sys/kernel/random/boot_id";

interface DenoPermissions {
  permissions: { querySync(descriptor: { name: string; path?: string; kind?: string }): { state: string } };
}

/** Under Deno, asks only what is already granted (a prompt would stop the run); elsewhere, anything. */
function granted(descriptor: { name: string; path?: string; kind?: string }): boolean {
  const deno = (globalThis as { Deno?: DenoPermissions }).Deno;
  return deno === undefined || deno.permissions.querySync(descriptor).state === "granted";
}

/** `false` when no process has this pid, `true` when one has (ours or another user's), `undefined` when the runtime cannot tell. */
export function isProcessAlive(pid: number): boolean | undefined {
  if (!granted({ name: "run" })) return undefined;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === "ESRCH" ? false : code === "EPERM" ? true : undefined;
  }
}

/** This process's pid, host name and boot id (where readable), and how to tell a dead process. */
export async function runtimeIdentity(): Promise<RuntimeIdentity> {
  let host = "unknown-host";
  try {
    if (granted({ name: "sys", kind: "hostname" })) host = hostname();
  } catch {
    // The host name stays unknown: only the heartbeat then tells this run's lock stale.
  }
  const bootId = granted({ name: "read", path: BOOT_ID_PATH })
    ? await readFile(BOOT_ID_PATH, "utf8").then(
        (text) => text.trim() || undefined,
        () => undefined,
      )
    : undefined;
  return { pid: process.pid, host, ...(bootId ? { bootId } : {}), isProcessAlive };
}
