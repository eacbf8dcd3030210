import { type Emulator, type EmulatorOptions, startEmulator } from "@cat-harvest/petfinder-emulator";

/** Starts a small emulator for a test file (no rate limit unless asked). */
export function startSmall(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ seed: 7, scale: 0.02, rateLimit: 0, ...options });
}

/** Requests a token with the demo credentials and returns it. */
export async function token(emulator: Emulator, body?: BodyInit, headers?: HeadersInit): Promise<string> {
  const res = await fetch(`${emulator.url}/v2/oauth2/token`, {
    method: "POST",
    body: body ?? new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }),
    ...(headers ? { headers } : {}),
  });
  if (res.status !== 200) throw new Error(`token request answered ${res.status}: ${await res.text()}`);
  const json = (await res.json()) as { access_token: string };
  return json.access_token;
}

/** GETs an API path (e.g. "/v2/animals?type=cat") with a bearer token; returns status, headers and parsed JSON. */
export async function get<T = any>(emulator: Emulator, path: string, bearer?: string): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(`${emulator.url}${path}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.status, headers: res.headers, body: body as T };
}
