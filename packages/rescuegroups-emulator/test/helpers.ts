import { type RescueGroupsEmulator, type RescueGroupsEmulatorOptions, startRescueGroupsEmulator } from "@cat-harvest/rescuegroups-emulator";

export { readTruth } from "@cat-harvest/rescuegroups-emulator";

/** Starts a small emulator for a test file (no rate limit unless asked). */
export function startSmall(options: RescueGroupsEmulatorOptions = {}): Promise<RescueGroupsEmulator> {
  return startRescueGroupsEmulator({ seed: 5, scale: 0.02, rateLimit: 0, ...options });
}

/** Calls an API path (e.g. "/public/animals/breeds") with the demo key unless `key` says otherwise (null: no header); a `body` makes it a POST. */
export async function call<T = any>(
  emulator: RescueGroupsEmulator,
  path: string,
  { key = "demo", body }: { key?: string | null; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; body: T; text: string }> {
  const headers: Record<string, string> = { "content-type": "application/vnd.api+json" };
  if (key !== null) headers.authorization = key;
  const init: RequestInit = body === undefined ? { headers } : { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) };
  const res = await fetch(`${emulator.apiUrl}${path}`, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** The search body filtering on one field. */
export function filterBody(fieldName: string, criteria: unknown, operation = "equal") {
  return { data: { filters: [{ fieldName, operation, criteria }] } };
}

export const SEARCH = "/public/animals/search/available/cats/haspic?include=pictures";
