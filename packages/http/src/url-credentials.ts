/** What a secret query parameter's value becomes in a public URL. */
export const REDACTED_PARAM = "REDACTED";

// Query parameters whose values are credentials by their name: passwords, tokens, API keys,
// and the signatures of pre-signed URLs (S3's X-Amz-Signature, GCS's X-Goog-Signature).
const SECRET_PARAM = /passw(or)?d|secret|token|signature|credential|api[-_]?key|^(sig|pwd|auth)$/i;

// `scheme://user:password@host`: what of a URL-like text before the host is credentials.
const USERINFO = /(\/\/)[^\s/?#@]*@/g;

/**
 * A URL as it may be stored and shown: without user name and password, and with the values
 * of query parameters named as secrets (`token`, `password`, `api_key`, `X-Amz-Signature`...)
 * replaced by `REDACTED`. A URL with neither comes back unchanged, character for character;
 * text that is not a URL loses anything that looks like `//user:password@`.
 *
 * @example publicUrl("https://ann:s3cret@example.com/a.jpg?token=abc&w=1") // "https://example.com/a.jpg?token=REDACTED&w=1"
 */
export function publicUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(USERINFO, "$1");
  }
  const search = maskSecretParams(parsed.search);
  if (!parsed.username && !parsed.password && search === parsed.search) return url;
  parsed.username = "";
  parsed.password = "";
  parsed.search = search;
  return parsed.href;
}

/**
 * Splits a URL's user name and password off into the `Authorization: Basic` header value a
 * browser would send for them, since `fetch` refuses a URL that holds credentials.
 * `authorization` is `undefined` when the URL has none.
 */
export function splitUrlCredentials(url: string): { url: string; authorization: string | undefined } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url, authorization: undefined };
  const pair = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = "";
  parsed.password = "";
  return { url: parsed.href, authorization: `Basic ${base64(new TextEncoder().encode(pair))}` };
}

function maskSecretParams(search: string): string {
  if (search.length < 2) return search;
  const pairs = search.slice(1).split("&");
  const masked = pairs.map((pair) => {
    const equals = pair.indexOf("=");
    if (equals === -1) return pair;
    const name = safeDecode(pair.slice(0, equals));
    return SECRET_PARAM.test(name) ? `${pair.slice(0, equals)}=${REDACTED_PARAM}` : pair;
  });
  return `?${masked.join("&")}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
