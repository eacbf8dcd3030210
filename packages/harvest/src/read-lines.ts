/**
 * Splits a byte stream into lines (UTF-8, `\n` or `\r\n`), one at a time, so a large file
 * never sits in memory whole. The last line is yielded even without a final newline.
 */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>).getReader();
  let rest = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += value;
      let newline = rest.indexOf("\n");
      while (newline !== -1) {
        const line = rest.slice(0, newline);
        rest = rest.slice(newline + 1);
        yield line.endsWith("\r") ? line.slice(0, -1) : line;
        newline = rest.indexOf("\n");
      }
    }
    if (rest !== "") yield rest.endsWith("\r") ? rest.slice(0, -1) : rest;
  } finally {
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
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
