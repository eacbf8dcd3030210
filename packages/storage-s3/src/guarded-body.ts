import { toStream, type StorageBody } from "@cat-harvest/storage";

/**
 * Reads a put's body chunk by chunk, so the adapter can tell the body's own failure, the
 * caller's abort and a wrong `size` apart, and stop a stalled body when the signal aborts.
 */
export class GuardedBody {
  /** The error the body stream itself raised, if it did. */
  sourceError: unknown = undefined;
  /** Bytes read so far. */
  length = 0;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly signal: AbortSignal | undefined;
  private readonly onAbort: () => void;
  private done = false;

  constructor(
    body: StorageBody,
    signal: AbortSignal | undefined,
    /** Called with the byte count when it differs from the announced size; returns the error to throw. */
    private readonly checkSize: (length: number, ended: boolean) => Error | undefined,
  ) {
    this.reader = toStream(body).getReader();
    this.signal = signal;
    this.onAbort = () => void this.reader.cancel(signal?.reason).catch(() => {});
    signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  /** The next chunk, or `null` at the end. Throws the signal's reason once aborted. */
  async read(): Promise<Uint8Array | null> {
    this.signal?.throwIfAborted();
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await this.reader.read();
    } catch (error) {
      this.done = true;
      this.signal?.throwIfAborted();
      this.sourceError = error;
      throw error;
    }
    this.signal?.throwIfAborted();
    if (result.done) {
      this.done = true;
      const mismatch = this.checkSize(this.length, true);
      if (mismatch) throw mismatch;
      return null;
    }
    this.length += result.value.byteLength;
    const mismatch = this.checkSize(this.length, false);
    if (mismatch) throw mismatch;
    return result.value;
  }

  /** Stops listening to the signal; cancels the body when it was not read to the end. */
  async release(reason?: unknown): Promise<void> {
    this.signal?.removeEventListener("abort", this.onAbort);
    if (!this.done) await this.reader.cancel(reason).catch(() => {});
    this.reader.releaseLock();
  }
}
