import { toHex } from "./sha256.js";
import type { StorageAdapter } from "@cat-harvest/storage";
import type { AbortScope } from "./abort-scope.js";
import { DownloaderError, DownloadJobError } from "./errors.js";
import { DIMENSIONS_SCAN_LIMIT, type ImageDimensions, readImageDimensions } from "./image-dimensions.js";
import { isImageComplete, TAIL_BYTES } from "./image-end.js";
import { detectImageFormat, IMAGE_MIME_TYPES, type ImageFormat, SNIFF_BYTES } from "./image-format.js";
import type { FailureReason } from "./reasons.js";
import { parseRetryAfter } from "./retry-after.js";
import type { DownloadJob, IncrementalHash } from "./types.js";

/** Settings one attempt needs, already checked and defaulted. */
export interface AttemptSettings {
  readonly storage: StorageAdapter;
  readonly fetch: typeof globalThis.fetch;
  readonly headers: Readonly<Record<string, string>>;
  readonly connectTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly maxBytes: number;
  readonly maxBufferedBytes: number;
  readonly maxRedirects: number;
  readonly formats: ReadonlySet<ImageFormat>;
  readonly checkImageEnd: boolean;
  readonly createSha256: () => IncrementalHash;
  readonly isDuplicate: ((sha256: string, job: DownloadJob<any>) => boolean | Promise<boolean>) | undefined;
}

export type AttemptOutcome =
  | {
      readonly kind: "stored";
      readonly bytes: number;
      readonly sha256: string;
      readonly format: ImageFormat;
      readonly contentType: string;
      readonly dimensions: ImageDimensions | null;
    }
  | { readonly kind: "duplicate"; readonly bytes: number; readonly sha256: string };

/** Thrown out of an attempt when the duplicate hook itself threw: a caller bug, fatal to the run. */
export class DuplicateHookError extends DownloaderError {
  override name = "DuplicateHookError" as const;
  constructor(key: string, cause: unknown) {
    super(`The isDuplicate hook threw for ${JSON.stringify(key)}; fix the hook (it must return true or false)`, { cause });
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

// The reason an ended attempt's controller is aborted with (to release its connection);
// one shared instance, so no stack trace is taken per download.
const ATTEMPT_FINISHED = new DownloaderError("attempt finished");

const isHttp = (url: URL) => url.protocol === "http:" || url.protocol === "https:";

// Node's fetch hides the socket error (ECONNRESET, ...) in `cause`; name it in messages.
function describeNetworkError(error: unknown): string {
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

function preview(bytes: Uint8Array): string {
  const text = String.fromCharCode(...bytes.subarray(0, 16)).replace(/[^\x20-\x7e]/g, ".");
  return JSON.stringify(text);
}

/**
 * One HTTP attempt at one job: follows redirects by hand, checks status, length and magic
 * bytes, then reads the body while hashing, counting, enforcing `maxBytes` and the idle
 * timeout and reading dimensions. At the end of the body it checks completeness and asks
 * the duplicate hook, then calls `onReceived` (the connection is done with) and lets the
 * put commit. A body announced at no more than `maxBufferedBytes` is read whole first and
 * handed to `storage.put` in one piece; any other streams into `storage.put`, and any
 * failure errors that stream, so the adapter stores nothing.
 */
export async function attemptDownload(
  job: DownloadJob<any>,
  settings: AttemptSettings,
  scope: AbortScope,
  onBytes: (bytes: number, received: number, total: number | undefined) => void,
  onReceived: () => void = () => {},
): Promise<AttemptOutcome> {
  const { signal } = scope;
  signal.throwIfAborted();
  const { url, key } = job;
  const controller = new AbortController();
  let failure: DownloadJobError | undefined;
  const error = (reason: FailureReason, message: string, extra?: { status?: number; retryAfterMs?: number; cause?: unknown }) =>
    new DownloadJobError(reason, message, { url, key, ...extra });
  const fail = (f: DownloadJobError) => {
    failure ??= f;
    controller.abort(failure);
    return failure;
  };
  const unsubscribe = scope.onAbort(() => controller.abort(signal.reason));

  const totalTimer = setTimeout(
    () => fail(error("timeout-total", `GET ${url} took longer than ${settings.totalTimeoutMs} ms in all (totalTimeoutMs)`)),
    settings.totalTimeoutMs,
  );
  const connectTimer = setTimeout(
    () => fail(error("timeout-connect", `GET ${url} sent no response headers within ${settings.connectTimeoutMs} ms (connectTimeoutMs)`)),
    settings.connectTimeoutMs,
  );
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let expected: number | undefined;
  let received = 0;
  let hookError: unknown;
  let duplicateSha: string | undefined;

  // Turns whatever a fetch or read threw into this attempt's failure.
  const classify = (thrown: unknown): unknown => {
    if (failure) return failure;
    if (thrown instanceof DownloadJobError || thrown instanceof DuplicateHookError) return thrown;
    if (signal.aborted) return signal.reason;
    if (expected !== undefined && received < expected) {
      return fail(error("truncated", `GET ${url} body ended after ${received} of ${expected} bytes (${describeNetworkError(thrown)})`, { cause: thrown }));
    }
    return fail(error("network", `GET ${url} failed: ${describeNetworkError(thrown)}`, { cause: thrown }));
  };

  try {
    // Follow redirects by hand so every hop is checked.
    let current = url;
    let response: Response;
    for (let hop = 0; ; hop++) {
      response = await settings.fetch(current, { redirect: "manual", signal: controller.signal, headers: settings.headers });
      if (!REDIRECTS.has(response.status)) break;
      await response.body?.cancel().catch(() => {});
      const location = response.headers.get("location");
      let next: URL | undefined;
      try {
        next = location ? new URL(location, current) : undefined;
      } catch {
        next = undefined;
      }
      if (!next) {
        throw error("redirect-invalid", `GET ${current} answered ${response.status} without a usable Location header (${JSON.stringify(location)})`, { status: response.status });
      }
      if (!isHttp(next)) {
        throw error("redirect-unsupported-protocol", `GET ${current} redirects to ${next.protocol} (${next.href}); only http: and https: are followed`, { status: response.status });
      }
      if (hop + 1 > settings.maxRedirects) {
        throw error("too-many-redirects", `GET ${url} redirected more than ${settings.maxRedirects} times (maxRedirects); last hop ${next.href}`, { status: response.status });
      }
      current = next.href;
    }
    clearTimeout(connectTimer);
    if (failure) throw failure;

    const status = response.status;
    if (status < 200 || status > 299) {
      await response.body?.cancel().catch(() => {});
      throw error(`http-${status}`, `GET ${current} answered ${status}${response.statusText ? ` ${response.statusText}` : ""}`, {
        status,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) ?? undefined,
      });
    }
    // A compressed body decodes to another length than Content-Length announces.
    const encoding = response.headers.get("content-encoding")?.trim().toLowerCase();
    const lengthHeader = !encoding || encoding === "identity" ? response.headers.get("content-length")?.trim() : undefined;
    expected = lengthHeader && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
    if (expected !== undefined && expected > settings.maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw error("too-large", `GET ${current} announces ${expected} bytes, more than maxBytes ${settings.maxBytes}`, { status });
    }
    if (expected === 0 || !response.body) {
      await response.body?.cancel().catch(() => {});
      throw error("empty-body", `GET ${current} answered ${status} with an empty body`, { status });
    }

    const body = response.body;
    // A body announced small enough is read whole in one call: no per-chunk work in JavaScript.
    const whole = expected !== undefined && expected <= settings.maxBufferedBytes;
    let bodyReader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const read = async (): Promise<Uint8Array | null> => {
      bodyReader ??= reader = body.getReader();
      for (;;) {
        const idle = setTimeout(
          () => fail(error("timeout-idle", `GET ${current} body stalled for ${settings.idleTimeoutMs} ms after ${received} bytes (idleTimeoutMs)`)),
          settings.idleTimeoutMs,
        );
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await bodyReader.read();
        } catch (thrown) {
          throw classify(thrown);
        } finally {
          clearTimeout(idle);
        }
        if (failure) throw failure;
        if (controller.signal.aborted) throw classify(controller.signal.reason);
        if (chunk.done) {
          if (expected !== undefined && received < expected) {
            throw fail(error("truncated", `GET ${current} body ended after ${received} of ${expected} bytes`, { status }));
          }
          return null;
        }
        if (chunk.value.byteLength > 0) return chunk.value;
      }
    };
    const readWhole = async (): Promise<Uint8Array> => {
      const idle = setTimeout(
        () => fail(error("timeout-idle", `GET ${current} body of ${expected} bytes did not arrive within ${settings.idleTimeoutMs} ms (idleTimeoutMs)`)),
        settings.idleTimeoutMs,
      );
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (thrown) {
        throw classify(thrown);
      } finally {
        clearTimeout(idle);
      }
      if (failure) throw failure;
      if (bytes.byteLength < expected!) {
        received = bytes.byteLength;
        throw fail(error("truncated", `GET ${current} body ended after ${received} of ${expected} bytes`, { status }));
      }
      return bytes;
    };

    const hasher = settings.createSha256();
    let head: Uint8Array = new Uint8Array(0);
    let tail: Uint8Array = new Uint8Array(0);
    let format: ImageFormat | null = null;
    let dimensions: ImageDimensions | null = null;
    const take = (chunk: Uint8Array) => {
      received += chunk.byteLength;
      if (received > settings.maxBytes) {
        throw fail(error("too-large", `GET ${current} body passed maxBytes ${settings.maxBytes}`, { status }));
      }
      hasher.update(chunk);
      if (dimensions === null && head.byteLength < DIMENSIONS_SCAN_LIMIT) {
        const grown = new Uint8Array(Math.min(DIMENSIONS_SCAN_LIMIT, head.byteLength + chunk.byteLength));
        grown.set(head);
        grown.set(chunk.subarray(0, grown.byteLength - head.byteLength), head.byteLength);
        head = grown;
        if (format) dimensions = readImageDimensions(format, head);
      }
      if (chunk.byteLength >= TAIL_BYTES) {
        tail = chunk.slice(chunk.byteLength - TAIL_BYTES);
      } else {
        const next = new Uint8Array(Math.min(TAIL_BYTES, tail.byteLength + chunk.byteLength));
        const keep = next.byteLength - chunk.byteLength;
        next.set(tail.subarray(tail.byteLength - keep));
        next.set(chunk, keep);
        tail = next;
      }
      onBytes(chunk.byteLength, received, expected);
    };

    // Sniff the magic bytes before touching storage.
    const pending: Uint8Array[] = [];
    let ended = false;
    let wholeBody: Uint8Array | undefined;
    if (whole) {
      wholeBody = await readWhole();
      received = wholeBody.byteLength;
      hasher.update(wholeBody);
      head = wholeBody.subarray(0, DIMENSIONS_SCAN_LIMIT);
      tail = wholeBody.subarray(Math.max(0, received - TAIL_BYTES));
      onBytes(received, received, expected);
      ended = true;
    }
    while (!ended && received < SNIFF_BYTES) {
      const chunk = await read();
      if (chunk === null) {
        ended = true;
        break;
      }
      take(chunk);
      pending.push(chunk);
    }
    if (received === 0) throw fail(error("empty-body", `GET ${current} answered ${status} with an empty body`, { status }));
    format = detectImageFormat(head);
    if (format === null || !settings.formats.has(format)) {
      const type = response.headers.get("content-type") ?? "no Content-Type";
      const what = format === null ? `not a ${[...settings.formats].join("/")} image` : `a ${format} image, which formats excludes`;
      throw fail(error("not-an-image", `GET ${current} answered ${status} (${type}) with ${what}; it starts ${preview(head)}`, { status }));
    }
    dimensions = readImageDimensions(format, head);
    const imageFormat = format;

    let sha: string | undefined;
    // Checks the whole body; `false` when the duplicate hook dropped it.
    const finish = async (): Promise<boolean> => {
      if (settings.checkImageEnd && !isImageComplete(imageFormat, head, tail, received)) {
        throw fail(error("truncated", `GET ${current} body of ${received} bytes lacks the ${imageFormat} end marker, so it was cut short`, { status }));
      }
      sha = toHex(hasher.digest());
      if (settings.isDuplicate) {
        let duplicate: boolean;
        try {
          duplicate = await settings.isDuplicate(sha, job);
        } catch (thrown) {
          hookError = new DuplicateHookError(key, thrown);
          throw hookError;
        }
        if (duplicate) {
          duplicateSha = sha;
          return false;
        }
      }
      onReceived();
      return true;
    };
    const contentType = IMAGE_MIME_TYPES[imageFormat];
    const stored = (): AttemptOutcome => {
      if (sha === undefined) {
        throw error("storage", `${settings.storage.name} storage resolved put(${JSON.stringify(key)}) before reading the body to its end; the adapter breaks the storage contract`, { status });
      }
      return { kind: "stored", bytes: received, sha256: sha, format: imageFormat, contentType, dimensions };
    };
    const storageFailure = (thrown: unknown): unknown => {
      if (hookError !== undefined) return hookError;
      if (failure) return failure;
      if (signal.aborted) return signal.reason;
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      return error("storage", `Storing ${JSON.stringify(key)} in ${settings.storage.name} storage failed: ${message}`, { status, cause: thrown });
    };

    if (wholeBody) {
      if (!(await finish())) return { kind: "duplicate", bytes: received, sha256: duplicateSha! };
      try {
        await settings.storage.put(key, wholeBody, { signal: controller.signal, size: received, contentType });
      } catch (thrown) {
        throw storageFailure(thrown);
      }
      return stored();
    }

    const stream = new ReadableStream<Uint8Array>(
      {
        async pull(stream) {
          try {
            const queued = pending.shift();
            if (queued) return stream.enqueue(queued);
            if (!ended) {
              const chunk = await read();
              if (chunk !== null) {
                take(chunk);
                return stream.enqueue(chunk);
              }
              ended = true;
            }
            if (!(await finish())) throw new DownloaderError(`${key} repeats content ${sha}; dropped as a duplicate`);
            stream.close();
          } catch (thrown) {
            stream.error(thrown);
            if (!controller.signal.aborted) controller.abort(thrown);
          }
        },
        cancel(reason) {
          controller.abort(reason);
        },
      },
      { highWaterMark: 0 },
    );

    try {
      await settings.storage.put(key, stream, { signal: controller.signal, size: expected, contentType });
    } catch (thrown) {
      if (duplicateSha !== undefined) return { kind: "duplicate", bytes: received, sha256: duplicateSha };
      throw storageFailure(thrown);
    }
    return stored();
  } catch (thrown) {
    throw classify(thrown);
  } finally {
    clearTimeout(totalTimer);
    clearTimeout(connectTimer);
    unsubscribe();
    // Release the connection whatever happened; a no-op once the body was read to its end.
    if (!controller.signal.aborted) controller.abort(ATTEMPT_FINISHED);
    reader?.cancel().catch(() => {});
  }
}
