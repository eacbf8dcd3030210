/** One line of the emulator's `GET /_emulator/truth`. */
export interface Truth {
  readonly url: string;
  readonly animal_id: number;
  readonly photo: number;
  readonly size: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** Reads the first `limit` truth lines (the endpoint streams them lazily), then hangs up. */
export async function readTruth(emulatorUrl: string, limit: number, query = ""): Promise<Truth[]> {
  const response = await fetch(`${emulatorUrl}/_emulator/truth${query}`);
  if (!response.ok || !response.body) throw new Error(`truth answered ${response.status}`);
  const out: Truth[] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  while (out.length < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) if (line.trim() && out.length < limit) out.push(JSON.parse(line) as Truth);
  }
  await reader.cancel().catch(() => {});
  return out;
}
