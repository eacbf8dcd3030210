/**
 * A running emulator's ground truth (`GET /_emulator/truth`), its JSON lines parsed: every
 * entry, or those a query keeps (each emulator documents its own, such as `"?size=large"`).
 */
export async function readTruthLines<T>(emulator: { readonly url: string }, query = ""): Promise<T[]> {
  const response = await fetch(`${emulator.url}/_emulator/truth${query}`);
  if (!response.ok) throw new Error(`GET ${emulator.url}/_emulator/truth${query} answered ${response.status}`);
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as T);
}
