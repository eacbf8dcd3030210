import { type StorageAdapter, type StorageCapabilities, type StoredObjectInfo } from "@cat-harvest/storage";
import { afterEach, expect } from "vitest";
import type { DescribeStorageAdapterOptions } from "./describe-storage-adapter.js";
import { readBytes, sameBytes } from "./test-bodies.js";

const encoder = new TextEncoder();
/** A string's UTF-8 bytes. */
export const text = (s: string): Uint8Array<ArrayBuffer> => encoder.encode(s);

/** What every group of conformance cases uses: the adapter factory, the options, and shared checks. */
export interface SuiteContext<A extends StorageAdapter> {
  readonly caps: StorageCapabilities;
  readonly options: DescribeStorageAdapterOptions<A>;
  readonly largeSize: number;
  readonly concurrency: number;
  readonly reopen: DescribeStorageAdapterOptions<A>["reopen"];
  readonly inspect: DescribeStorageAdapterOptions<A>["inspect"];
  /** A fresh adapter, closed after the case. */
  readonly open: () => Promise<A>;
  /** The same medium opened read-only after `closed` was closed (`options.openReadOnly`), closed after the case. */
  readonly openReadOnly: ((closed: A) => Promise<StorageAdapter>) | undefined;
  /** The same medium opened again after `closed` was closed (needs `options.reopen`), closed after the case. */
  readonly openAgain: (closed: A) => Promise<StorageAdapter>;
  /** The stored bytes through `get`, or `undefined` where the medium cannot read. */
  readonly readBack: (adapter: StorageAdapter, key: string) => Promise<Uint8Array | null | undefined>;
  /** Everything `list(prefix)` yields, sorted by key. */
  readonly listAll: (adapter: StorageAdapter, prefix?: string) => Promise<StoredObjectInfo[]>;
  /** Checks one stored object every way the medium allows, before close. */
  readonly expectStored: (adapter: StorageAdapter, key: string, bytes: Uint8Array) => Promise<void>;
  /** After close: the medium holds exactly `expected` (when the adapter can be inspected). */
  readonly expectMedium: (adapter: A, expected: Map<string, Uint8Array>) => Promise<void>;
}

/** Builds the context inside the suite's `describe`, and registers the `afterEach` that closes every adapter a case opened. */
export function createSuiteContext<A extends StorageAdapter>(factory: () => A | Promise<A>, options: DescribeStorageAdapterOptions<A>): SuiteContext<A> {
  const caps = options.capabilities;
  const { reopen, inspect } = options;
  const opened: StorageAdapter[] = [];
  const open = async (): Promise<A> => {
    const adapter = await factory();
    opened.push(adapter);
    return adapter;
  };
  const openAgain = async (closed: A): Promise<StorageAdapter> => {
    const adapter = await reopen!(closed);
    opened.push(adapter);
    return adapter;
  };
  const openReadOnly = options.openReadOnly
    ? async (closed: A): Promise<StorageAdapter> => {
        const adapter = await options.openReadOnly!(closed);
        opened.push(adapter);
        return adapter;
      }
    : undefined;
  afterEach(async () => {
    const all = opened.splice(0);
    await Promise.allSettled(all.map((adapter) => adapter.close()));
  });

  /** The stored bytes through `get`, or `undefined` where the medium cannot read. */
  const readBack = async (adapter: StorageAdapter, key: string): Promise<Uint8Array | null | undefined> => {
    if (!caps.read) return undefined;
    const body = await adapter.get(key);
    return body ? readBytes(body) : null;
  };
  const listAll = async (adapter: StorageAdapter, prefix?: string): Promise<StoredObjectInfo[]> => {
    const out: StoredObjectInfo[] = [];
    for await (const info of adapter.list(prefix)) out.push({ key: info.key, size: info.size });
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };
  /** Checks one stored object every way the medium allows, before close. */
  const expectStored = async (adapter: StorageAdapter, key: string, bytes: Uint8Array) => {
    expect(keyAndSize(await adapter.stat(key)), `stat(${JSON.stringify(key)})`).toEqual({ key, size: bytes.byteLength });
    const back = await readBack(adapter, key);
    if (back !== undefined) expect(sameBytes(back, bytes), `get(${JSON.stringify(key)}) returns the bytes put`).toBe(true);
  };
  /** After close: the medium holds exactly `expected` (when the adapter can be inspected). */
  const expectMedium = async (adapter: A, expected: Map<string, Uint8Array>) => {
    if (!inspect) return;
    const medium = await inspect(adapter);
    expect([...medium.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, bytes] of expected) expect(sameBytes(medium.get(key), bytes), `medium holds the bytes of ${key}`).toBe(true);
  };
  return {
    caps,
    options,
    largeSize: options.largeSize ?? 1_048_577,
    concurrency: options.concurrency ?? 12,
    reopen,
    inspect,
    open,
    openAgain,
    openReadOnly,
    readBack,
    listAll,
    expectStored,
    expectMedium,
  };
}

/** The key and size of a stat or list answer (stamps are checked by their own cases). */
export function keyAndSize(info: StoredObjectInfo | null): { key: string; size: number } | null {
  return info && { key: info.key, size: info.size };
}
