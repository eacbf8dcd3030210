import { type CatApiEmulator, type CatApiEmulatorOptions, startCatApiEmulator } from "@cat-harvest/thecatapi-emulator";

export { readTruth } from "@cat-harvest/thecatapi-emulator";

/** Starts a small emulator for a test file (no rate limit unless asked). */
export function startSmall(options: CatApiEmulatorOptions = {}): Promise<CatApiEmulator> {
  return startCatApiEmulator({ seed: 7, scale: 0.02, rateLimit: 0, ...options });
}

/** GETs an API path (e.g. "/images/search?limit=5") with the demo key unless `key` says otherwise (null: no header). */
export async function get<T = any>(
  emulator: CatApiEmulator,
  path: string,
  key: string | null = "demo",
): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(`${emulator.apiUrl}${path}`, key === null ? {} : { headers: { "x-api-key": key } });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.status, headers: res.headers, body: body as T };
}
