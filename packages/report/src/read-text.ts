import { collectBody, type StorageAdapter } from "@cat-harvest/storage";

/** A stored text file, or `undefined` when it is not stored. */
export async function readText(storage: StorageAdapter, key: string): Promise<string | undefined> {
  const body = (await storage.stat(key)) ? await storage.get(key) : null;
  return body ? new TextDecoder().decode(await collectBody(body)) : undefined;
}

/** A stored text file's lines, streamed (none when it is not stored). */
export async function* textLines(storage: StorageAdapter, key: string): AsyncGenerator<string> {
  const body = (await storage.stat(key)) ? await storage.get(key) : null;
  if (!body) return;
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of body) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split("\n");
    rest = lines.pop()!;
    yield* lines;
  }
  rest += decoder.decode();
  if (rest) yield rest;
}
