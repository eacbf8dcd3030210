import { toStream, type StorageBody } from "@cat-harvest/storage";

/**
 * Wraps a superseding body of the same length as the stored copy: as the body is read, the
 * stored bytes are read alongside and compared, and once the body is read whole,
 * `unchanged()` says whether the two were byte for byte the same.
 */
export function compareWithStored(
  body: StorageBody,
  size: number,
  stored: ReadableStream<Uint8Array>,
): { body: ReadableStream<Uint8Array>; unchanged: () => boolean } {
  const reader = stored.getReader();
  let pending: Uint8Array = new Uint8Array(0);
  let same = true;
  let compared = 0;
  const differ = () => {
    same = false;
    void reader.cancel().catch(() => {});
  };
  const compare = async (chunk: Uint8Array) => {
    let at = 0;
    while (same && at < chunk.byteLength) {
      if (pending.byteLength === 0) {
        const next = await reader.read().catch(() => ({ done: true as const, value: undefined }));
        if (next.done) return differ();
        pending = next.value;
        continue;
      }
      const n = Math.min(pending.byteLength, chunk.byteLength - at);
      for (let i = 0; i < n; i++) if (pending[i] !== chunk[at + i]) return differ();
      pending = pending.subarray(n);
      at += n;
      compared += n;
    }
  };
  const checked = toStream(body).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      async transform(chunk, controller) {
        if (same) await compare(chunk);
        controller.enqueue(chunk);
      },
    }),
  );
  return { body: checked, unchanged: () => same && compared === size };
}
