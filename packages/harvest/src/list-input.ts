/**
 * A URL list to read: its bytes as a stream, and, for formats that need random access
 * (Parquet keeps its index at the end), ranged reads. A file adapter implements it over a
 * file handle, an object store over ranged GETs; a plain `ReadableStream` serves the
 * line-based formats.
 */
export interface UrlListInput {
  /** The file name: picks the format (`.csv`, `.tsv.gz`...) and names it in errors. */
  readonly name: string;
  /** The size in bytes. */
  readonly size: number;
  /** All of its bytes, from the start; each call starts again. */
  stream(): ReadableStream<Uint8Array>;
  /** Bytes `start` (inclusive) to `end` (exclusive). Needed for Parquet. */
  read?(start: number, end: number): Promise<Uint8Array>;
}

/** Whether `body` is a `UrlListInput` rather than a bare stream. */
export function isUrlListInput(body: ReadableStream<Uint8Array> | UrlListInput): body is UrlListInput {
  return typeof (body as Partial<UrlListInput>).stream === "function" && typeof (body as Partial<UrlListInput>).name === "string";
}

/**
 * A `UrlListInput` over bytes already in memory (tests, small lists built on the fly).
 *
 * @example parseUrlList(urlListInputOf("urls.parquet", bytes), "urls.parquet")
 */
export function urlListInputOf(name: string, bytes: Uint8Array): UrlListInput {
  return {
    name,
    size: bytes.byteLength,
    stream: () => new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(),
    read: async (start, end) => bytes.subarray(start, end),
  };
}
