import { createDefaultSha256, toHex } from "@cat-harvest/downloader";
import type { ListColumns } from "../list-columns.js";

/** What a plan remembers of its input, so a changed list is caught on a re-run. */
export interface InputIdentity {
  /** The list's file name as given (for messages; not compared). */
  readonly name: string;
  readonly bytes: number;
  /** SHA-256 of the whole input, hex. */
  readonly sha256: string;
  /** The columns it was read by, when not the defaults (`urlColumn`, `labelColumn`). */
  readonly columns?: ListColumns;
}

/**
 * Passes `body` through, counting and hashing it: `identity()` gives the input's identity once
 * the stream has been read to its end (and throws before).
 */
export function identifyInput(body: ReadableStream<Uint8Array>, name: string): { body: ReadableStream<Uint8Array>; identity: () => InputIdentity } {
  const hash = createDefaultSha256();
  let bytes = 0;
  let result: InputIdentity | undefined;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hash.update(chunk);
        bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      flush() {
        result = { name, bytes, sha256: toHex(hash.digest()) };
      },
    }),
  );
  return {
    body: counted,
    identity() {
      if (!result) throw new Error(`identifyInput: ${name} has not been read to its end`);
      return result;
    },
  };
}

/** The identity of all of `body`, read to its end for nothing else. */
export async function hashInput(body: ReadableStream<Uint8Array>, name: string): Promise<InputIdentity> {
  const counted = identifyInput(body, name);
  await counted.body.pipeTo(new WritableStream());
  return counted.identity();
}
