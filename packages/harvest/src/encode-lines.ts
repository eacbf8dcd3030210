/** Encodes lines with a trailing newline each, as a body and its length. */
export function encodeLines(lines: readonly string[]): { body: ReadableStream<Uint8Array>; size: number } {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const BATCH = 512;
  for (let i = 0; i < lines.length; i += BATCH) {
    const chunk = encoder.encode(lines.slice(i, i + BATCH).join("\n") + "\n");
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return { body, size };
}

/** The values of a map in the order of its keys, mapped. */
export function sortedValues<V>(map: ReadonlyMap<string, V>, line: (value: V) => string): string[] {
  return [...map.keys()].sort().map((key) => line(map.get(key)!));
}
