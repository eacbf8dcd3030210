import { publicUrl } from "@cat-harvest/http";
import type { AttemptContext } from "./attempt-context.js";
import { discardBody } from "./discard-body.js";

/** Statuses whose Location the downloader follows itself. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

const isHttp = (url: URL) => url.protocol === "http:" || url.protocol === "https:";

/** Sends the attempt's GET to `attempt.url`, leaving redirects for `followRedirects`. */
export function request(attempt: AttemptContext): Promise<Response> {
  const { settings } = attempt;
  const headers = attempt.authorization === undefined ? settings.headers : { ...settings.headers, authorization: attempt.authorization };
  return settings.fetch(attempt.url, { redirect: "manual", signal: attempt.controller.signal, headers });
}

/**
 * Follows `response`, a redirect, hop by hop, so every hop is checked: a usable Location,
 * http(s) only, at most `maxRedirects` hops. Returns the first response that is not a
 * redirect, with `attempt.url` set to its URL.
 */
export async function followRedirects(attempt: AttemptContext, response: Response): Promise<Response> {
  for (let hop = 1; REDIRECT_STATUSES.has(response.status); hop++) {
    await discardBody(response);
    attempt.redirectTo(nextHop(attempt, response, hop));
    response = await request(attempt);
  }
  return response;
}

/** The URL a redirect points to, or the failure that refuses it. */
function nextHop(attempt: AttemptContext, response: Response, hop: number): URL {
  const { url } = attempt;
  const current = attempt.shownUrl;
  const { status } = response;
  const location = response.headers.get("location");
  let next: URL | undefined;
  try {
    next = location ? new URL(location, url) : undefined;
  } catch {
    next = undefined;
  }
  if (!next) {
    throw attempt.error("redirect-invalid", `GET ${current} answered ${status} without a usable Location header (${JSON.stringify(location)})`, { status });
  }
  if (!isHttp(next)) {
    throw attempt.error(
      "redirect-unsupported-protocol",
      `GET ${current} redirects to ${next.protocol} (${publicUrl(next.href)}); only http: and https: are followed`,
      {
        status,
      },
    );
  }
  if (hop > attempt.settings.maxRedirects) {
    throw attempt.error(
      "too-many-redirects",
      `GET ${publicUrl(attempt.job.url)} redirected more than ${attempt.settings.maxRedirects} times (maxRedirects); last hop ${publicUrl(next.href)}`,
      { status },
    );
  }
  return next;
}
