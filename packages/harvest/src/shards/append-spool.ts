import { concatChunks, toStream, type PutOptions, type StorageAdapter, type StorageBody, type StoredObjectInfo } from "@cat-harvest/storage";
import type { BodySpool } from "./body-spool.js";

/** A medium that appends and reads ranges (a folder). */
export type AppendMedium = StorageAdapter & Required<Pick<StorageAdapter, "append" | "getRange">>;

/** The most bytes one append writes: bodies that arrive while one is under way wait for the next. */
const BATCH_BYTES = 1024 * 1024;

interface Waiting {
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One attempt's spool as one append-only file: a body put whole waits for the append under way
 * to finish, then goes with every other waiting body in one append (so the file holds them back
 * to back, in the order their puts resolve), and is remembered by its offset and length; the tar
 * reads it back with one ranged read, and `remove` deletes the file once. A streamed body (too
 * large to read whole) is stored as its own object under its key. Nothing here is fsynced or
 * must survive a crash: a shard whose attempt dies is redone in a new spool.
 */
export class AppendSpool implements BodySpool {
  readonly storage: StorageAdapter;
  readonly #medium: AppendMedium;
  readonly #file: string;
  readonly #ranges = new Map<string, { start: number; end: number }>();
  readonly #objects = new Set<string>();
  #waiting: Waiting[] = [];
  #writing = false;
  #size = 0;
  /** Set once an append failed: what the file holds from then on is unknown, so nothing more goes in. */
  #broken: unknown;

  constructor(medium: AppendMedium, file: string) {
    this.#medium = medium;
    this.#file = file;
    this.storage = this.#adapter();
  }

  async read(key: string): Promise<ReadableStream<Uint8Array> | Uint8Array> {
    const body = await this.#body(key);
    if (!body) throw new Error(`the downloaded body spooled as ${key} is gone from ${this.#medium.name} storage`);
    return body;
  }

  async remove(keys: Iterable<string>): Promise<void> {
    for (const key of keys) if (this.#objects.delete(key)) await this.#medium.delete(key).catch(() => false);
    this.#ranges.clear();
    await this.#medium.delete(this.#file).catch(() => false);
  }

  async #put(key: string, body: StorageBody, options?: PutOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    if (!(body instanceof Uint8Array)) {
      await this.#medium.put(key, body, options);
      this.#objects.add(key);
      return;
    }
    if (this.#broken !== undefined) throw this.#broken;
    await new Promise<void>((resolve, reject) => {
      this.#waiting.push({ key, bytes: body, resolve, reject });
      if (!this.#writing) void this.#appendWaiting();
    });
  }

  /** Appends the waiting bodies, a batch at a time, until none waits. */
  async #appendWaiting(): Promise<void> {
    this.#writing = true;
    while (this.#waiting.length > 0 && this.#broken === undefined) {
      const batch = takeBatch(this.#waiting);
      this.#waiting = this.#waiting.slice(batch.length);
      try {
        await this.#medium.append(this.#file, batch.length === 1 ? batch[0]!.bytes : concatChunks(batch.map((w) => w.bytes)));
      } catch (error) {
        this.#broken = error;
        for (const w of [...batch, ...this.#waiting.splice(0)]) w.reject(error);
        break;
      }
      for (const w of batch) {
        this.#ranges.set(w.key, { start: this.#size, end: (this.#size += w.bytes.byteLength) });
        w.resolve();
      }
    }
    this.#writing = false;
  }

  async #body(key: string): Promise<ReadableStream<Uint8Array> | Uint8Array | null> {
    const range = this.#ranges.get(key);
    if (!range) return this.#objects.has(key) ? this.#medium.get(key) : null;
    const bytes = await this.#medium.getRange(this.#file, range.start, range.end);
    if (bytes?.byteLength === range.end - range.start) return bytes;
    throw new Error(`the downloaded body spooled as ${key} is gone from ${this.#file} in ${this.#medium.name} storage`);
  }

  /** The adapter the downloader puts into: only what it calls (`put`, `stat`) and a reader's `get` do anything. */
  #adapter(): StorageAdapter {
    return {
      name: this.#medium.name,
      capabilities: { read: true, list: false, replace: true, write: true },
      put: (key, body, options) => this.#put(key, body, options),
      stat: async (key): Promise<StoredObjectInfo | null> => {
        const range = this.#ranges.get(key);
        if (range) return { key, size: range.end - range.start };
        return this.#objects.has(key) ? this.#medium.stat(key) : null;
      },
      get: async (key) => {
        const body = await this.#body(key);
        return body instanceof Uint8Array ? toStream(body) : body;
      },
      // oxlint-disable-next-line require-yield -- a spool is never listed
      list: async function* () {},
      delete: async (key) => this.#ranges.delete(key) || (this.#objects.delete(key) && this.#medium.delete(key)),
      close: async () => {},
    };
  }
}

/** The first waiting bodies, up to `BATCH_BYTES` together (at least one). */
function takeBatch(waiting: readonly Waiting[]): Waiting[] {
  let bytes = 0;
  let count = 0;
  while (count < waiting.length && (count === 0 || bytes + waiting[count]!.bytes.byteLength <= BATCH_BYTES)) bytes += waiting[count++]!.bytes.byteLength;
  return waiting.slice(0, count);
}
