/** A line as `readBoundedLines` yields it. */
export interface BoundedLine {
  /** The line without its end (`\n`, `\r\n`), or only its first `maxChars` characters when it is longer. */
  readonly text: string;
  /** The whole line's length in characters: over `maxChars` when `text` is only its start. */
  readonly length: number;
}

/**
 * Splits a byte stream into lines (UTF-8, `\n` or `\r\n`), one at a time, keeping at most
 * `maxChars` characters of a line: a longer line comes out as its start and its length, and
 * the rest of it is counted as it streams past, never held. The last line is yielded even
 * without a final newline.
 */
export async function* readBoundedLines(body: ReadableStream<Uint8Array>, maxChars: number): AsyncGenerator<BoundedLine> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>).getReader();
  let head = "";
  let length = 0;
  let last = "";
  const line = (): BoundedLine => {
    const crlf = last === "\r" ? 1 : 0;
    const whole = length - crlf;
    const text = head.length > whole ? head.slice(0, whole) : head;
    head = "";
    length = 0;
    last = "";
    return { text, length: whole };
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let start = 0; ;) {
        const newline = value.indexOf("\n", start);
        const end = newline === -1 ? value.length : newline;
        if (end > start) {
          if (head.length < maxChars) head += value.slice(start, Math.min(end, start + maxChars - head.length));
          length += end - start;
          last = value[end - 1]!;
        }
        if (newline === -1) break;
        yield line();
        start = newline + 1;
      }
    }
    if (length > 0) yield line();
  } finally {
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * Splits a byte stream into lines (UTF-8, `\n` or `\r\n`), one at a time, so a large file
 * never sits in memory whole. The last line is yielded even without a final newline.
 */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  for await (const { text } of readBoundedLines(body, Infinity)) yield text;
}

/** Reads JSON lines, skipping blank ones; `onBadLine` decides what a line that is not JSON does. */
export async function* readJsonLines(
  body: ReadableStream<Uint8Array>,
  onBadLine: (line: number, error: unknown) => void,
): AsyncGenerator<{ line: number; value: unknown }> {
  let n = 0;
  for await (const text of readLines(body)) {
    n++;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      onBadLine(n, error);
      continue;
    }
    yield { line: n, value };
  }
}
