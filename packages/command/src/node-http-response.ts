import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

/** Statuses whose responses carry no body (the Response constructor refuses one). */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/** What fetch rejects a body with when its connection closes before its end. */
const terminated = () => new TypeError("terminated", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });

/** The response's headers as a web `Headers` (repeated ones appended, as fetch does). */
function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/** The body as sent, or decoded as fetch decodes it (gzip, deflate, br). */
function decoded(res: IncomingMessage): Readable {
  const coding = String(res.headers["content-encoding"] ?? "")
    .trim()
    .toLowerCase();
  const decoder =
    coding === "gzip" || coding === "x-gzip" ? createGunzip() : coding === "deflate" ? createInflate() : coding === "br" ? createBrotliDecompress() : undefined;
  if (!decoder) return res;
  res.on("error", (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

/**
 * A real `Response` (status, statusText, `Headers`, `url`) for a node:http response, whose body
 * is read from the socket's chunks directly: `arrayBuffer()` (and `bytes`, `text`, `json`,
 * `blob`) gathers them without a web stream, and `body` makes a web stream only when asked.
 * A body cut short (the connection closed before its end) rejects, as fetch's does. `clone()`
 * and `formData()` are not offered.
 */
export class NodeHttpResponse extends Response {
  readonly #source: Readable | undefined;
  readonly #url: string;
  #used = false;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | null | undefined;

  constructor(res: IncomingMessage, url: string) {
    const status = res.statusCode ?? 0;
    super(null, { status, statusText: res.statusMessage ?? "", headers: headersOf(res) });
    this.#url = url;
    if (NULL_BODY_STATUSES.has(status)) {
      res.resume();
      this.#stream = null;
    } else this.#source = decoded(res);
  }

  override get url(): string {
    return this.#url;
  }

  override get bodyUsed(): boolean {
    return this.#used;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#stream === undefined) this.#stream = this.#webStream();
    return this.#stream;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#gather();
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? (bytes.buffer as ArrayBuffer)
      : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  override async text(): Promise<string> {
    return new TextDecoder().decode(await this.#gather());
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  override async blob(): Promise<Blob> {
    return new Blob([await this.arrayBuffer()], { type: this.headers.get("content-type") ?? "" });
  }

  override formData(): Promise<FormData> {
    return Promise.reject(new TypeError("NodeHttpResponse does not parse form data; use fetch for such requests"));
  }

  override clone(): Response {
    throw new TypeError("NodeHttpResponse cannot be cloned; use fetch for requests whose responses are read twice");
  }

  /**
   * A web stream of the body that takes nothing from the socket until it is read: looking at
   * `body` (as a check for a body does) leaves `arrayBuffer()` its direct path.
   */
  #webStream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const source = this.#source!;
    let attached = false;
    return new ReadableStream<Uint8Array<ArrayBuffer>>(
      {
        pull: (controller) => {
          if (attached) {
            source.resume();
            return;
          }
          if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
          attached = this.#used = true;
          if (source.destroyed) throw source.errored ?? terminated();
          let ended = false;
          source.on("data", (chunk: Buffer) => {
            if (ended) return;
            controller.enqueue(chunk as Uint8Array<ArrayBuffer>);
            if ((controller.desiredSize ?? 0) <= 0) source.pause();
          });
          source.once("end", () => {
            ended = true;
            controller.close();
          });
          source.once("error", (error) => {
            ended = true;
            controller.error(error);
          });
          source.once("close", () => {
            if (!ended) controller.error(terminated());
            ended = true;
          });
        },
        cancel: (reason) => {
          this.#used = true;
          attached = true;
          source.destroy(reason instanceof Error ? reason : undefined);
        },
      },
      { highWaterMark: 0 },
    );
  }

  /** Every chunk of the body, once: a used body, or one cut short, rejects. */
  #gather(): Promise<Uint8Array> {
    if (this.#used) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
    this.#used = true;
    const source = this.#source;
    if (!source) return Promise.resolve(new Uint8Array(0));
    if (source.destroyed) return Promise.reject(source.errored ?? terminated());
    return new Promise((resolve, reject) => {
      const parts: Buffer[] = [];
      let length = 0;
      source.on("data", (chunk: Buffer) => {
        parts.push(chunk);
        length += chunk.length;
      });
      let ended = false;
      source.once("error", reject);
      source.once("end", () => {
        ended = true;
        resolve(parts.length === 1 ? parts[0]! : Buffer.concat(parts, length));
      });
      // Only a body cut short makes its error: two errors with their stacks per photo cost more than the rest of this path.
      source.once("close", () => {
        if (!ended) reject(terminated());
      });
    });
  }
}
