import type { WireFault } from "./faults.js";
import type { ImageParts } from "./image-parts.js";

/** A complete answer: status, headers and a text body. */
export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A request as the socket layer hands it to an emulator. */
export interface EmulatorRequest {
  readonly method: string;
  /** Path and query, e.g. "/v1/images/search?limit=10". */
  readonly url: string;
  /** Lower-case header names, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body of a POST or PUT (at most 64 KiB kept), else "". */
  readonly body: string;
}

/** What the socket layer must send. */
export type EmulatorResponse =
  | { readonly kind: "reply"; readonly reply: Reply; readonly wireFault?: WireFault }
  | { readonly kind: "image"; readonly headers: Record<string, string>; readonly parts: ImageParts; readonly head: boolean; readonly wireFault?: WireFault }
  | { readonly kind: "lines"; readonly headers: Record<string, string>; readonly lines: Iterable<string> }
  | { readonly kind: "reset" };

/** A reply response, with its wire fault when there is one. */
export function replyResponse(reply: Reply, wireFault?: WireFault): EmulatorResponse {
  return wireFault ? { kind: "reply", reply, wireFault } : { kind: "reply", reply };
}

/** JSON lines, streamed (the truth). */
export function jsonLinesResponse(lines: Iterable<string>): EmulatorResponse {
  return { kind: "lines", headers: { "content-type": "application/x-ndjson", "cache-control": "no-store" }, lines };
}

/** A 502 as a gateway in front of an API sends it: HTML, whatever the API speaks. */
export const BAD_GATEWAY_REPLY: Reply = {
  status: 502,
  headers: { "content-type": "text/html" },
  body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n",
};

/** Each entry as its line, lazily: a truth's entries as the JSON lines `controlResponse` streams. */
export function* mapLines<T>(entries: Iterable<T>, line: (entry: T) => string): Generator<string> {
  for (const entry of entries) yield line(entry);
}
