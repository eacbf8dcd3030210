import {
  acquireLock,
  encodeLockRecord,
  type LockRecord,
  type LockStore,
  parseLockRecord,
  StorageLockedError,
  StorageLockLostError,
} from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";

export interface DescribeLockStoreOptions {
  /**
   * Whether `create` is atomic: of many creates at once, exactly one resolves `true`. Set
   * `false` only for a test server that ignores conditional writes (s3rver 3.7 ignores
   * `If-None-Match`); the case is then skipped.
   * @default true
   */
  readonly exclusiveCreate?: boolean;
}

const text = (s: string) => new TextEncoder().encode(s);
const sameText = (a: Uint8Array | null) => (a === null ? null : new TextDecoder().decode(a));

/** A record of another run, written as if by it. */
export function foreignLockRecord(fields: Partial<LockRecord> = {}): LockRecord {
  const at = new Date().toISOString();
  return { token: "foreign-token", pid: 4242, host: "host-elsewhere", startedAt: at, heartbeatAt: at, ...fields };
}

/**
 * Registers the shared lock-store suite: the medium's primitives (an exclusive `create`, `read`,
 * `write`, `remove`) and `acquireLock`'s rules over them (refusal, takeover of a stale lock,
 * release of our own lock only, the heartbeat). `factory` returns a store on a fresh medium.
 *
 * @example
 * describeLockStore("memory", () => createMemoryLock());
 */
export function describeLockStore(name: string, factory: () => LockStore | Promise<LockStore>, options: DescribeLockStoreOptions = {}): void {
  describe(`lock store conformance: ${name}`, () => {
    it("creates a lock only where there is none, and reads, rewrites and removes it", async () => {
      const store = await factory();
      expect(typeof store.location).toBe("string");
      expect(await store.read()).toBeNull();
      expect(await store.create(text("first"))).toBe(true);
      expect(await store.create(text("second"))).toBe(false);
      expect(sameText(await store.read())).toBe("first");
      await store.write(text("rewritten"));
      expect(sameText(await store.read())).toBe("rewritten");
      await store.remove();
      expect(await store.read()).toBeNull();
      await store.remove();
      expect(await store.create(text("again"))).toBe(true);
      await store.remove();
    });

    it.skipIf(options.exclusiveCreate === false)("of many creates at once, exactly one wins", async () => {
      const store = await factory();
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.create(text(`run ${i}`))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(sameText(await store.read())).toBe(`run ${results.indexOf(true)}`);
      await store.remove();
    });

    it("acquireLock refuses a second run with pid, host and start time, and release lets the next one in", async () => {
      const store = await factory();
      const first = await acquireLock(store, { pid: 1001, host: "host-a" });
      const second = acquireLock(store, { pid: 1002, host: "host-b" });
      await expect(second).rejects.toBeInstanceOf(StorageLockedError);
      await expect(second).rejects.toThrow(new RegExp(`pid 1001 on host-a since ${first.record.startedAt.slice(0, 19)}Z \\(heartbeat \\d+ s ago\\)`));
      expect(await first.release()).toBe(true);
      expect(await store.read()).toBeNull();
      const third = await acquireLock(store, { pid: 1003, host: "host-b" });
      expect(third.tookOver).toBeUndefined();
      await third.release();
    });

    it("takes over a lock whose heartbeat is old (any host), saying whose it was", async () => {
      const store = await factory();
      const old = new Date(Date.now() - 120_000).toISOString();
      await store.create(encodeLockRecord(foreignLockRecord({ startedAt: old, heartbeatAt: old })));
      const lock = await acquireLock(store, { pid: 1004, host: "host-a" });
      expect(lock.tookOver?.holder?.host).toBe("host-elsewhere");
      expect(lock.tookOver?.reason).toMatch(/heartbeat is 12\d s old/);
      expect(parseLockRecord((await store.read())!)?.token).toBe(lock.record.token);
      await lock.release();
    });

    it("takes over a lock of this host whose process is gone, or from before a restart, but not a live one", async () => {
      const store = await factory();
      await store.create(encodeLockRecord(foreignLockRecord({ host: "host-a", pid: 77, bootId: "boot-1" })));
      const alive = { host: "host-a", bootId: "boot-1", isProcessAlive: (pid: number) => pid !== 77 };
      await expect(acquireLock(store, { ...alive, pid: 1005, isProcessAlive: () => true })).rejects.toBeInstanceOf(StorageLockedError);
      const lock = await acquireLock(store, { ...alive, pid: 1005 });
      expect(lock.tookOver?.reason).toBe("its process 77 is gone");
      await lock.release();
      await store.create(encodeLockRecord(foreignLockRecord({ host: "host-a", pid: 78, bootId: "boot-0" })));
      const rebooted = await acquireLock(store, { ...alive, pid: 1006, isProcessAlive: () => true });
      expect(rebooted.tookOver?.reason).toBe("the machine has restarted since");
      await rebooted.release();
    });

    it("takes over a lock that is not a lock record (a torn write)", async () => {
      const store = await factory();
      await store.create(text('{"token":"x","pi'));
      const lock = await acquireLock(store, { pid: 1007, host: "host-a" });
      expect(lock.tookOver).toEqual({ holder: undefined, reason: "it is unreadable (not a lock record)" });
      await lock.release();
    });

    it("refreshes the heartbeat while held; release leaves a lock another run took, and the loss is signalled", async () => {
      const store = await factory();
      const lock = await acquireLock(store, { pid: 1008, host: "host-a", heartbeatMs: 40, staleAfterMs: 60_000 });
      const before = Date.parse(lock.record.heartbeatAt);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const beaten = parseLockRecord((await store.read())!)!;
      expect(beaten.token).toBe(lock.record.token);
      expect(Date.parse(beaten.heartbeatAt)).toBeGreaterThan(before);
      // Another run takes the lock. A heartbeat already past its check may write over it once
      // (no medium here offers compare-and-swap), so the other run writes until it is noticed
      // (for up to 15 s: an S3 server on a loaded machine can take a second per request).
      for (const deadline = Date.now() + 15_000; Date.now() < deadline && !lock.lost.aborted;) {
        await store.write(encodeLockRecord(foreignLockRecord()));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(lock.lost.aborted).toBe(true);
      expect(StorageLockLostError.isInstance(lock.lost.reason)).toBe(true);
      expect(await lock.release()).toBe(false);
      expect(parseLockRecord((await store.read())!)?.token).toBe("foreign-token");
      await store.remove();
    });
  });
}
