import { parseRetryAfter } from "@cat-harvest/http";
import type { AttemptContext } from "./attempt-context.js";
import type { DownloadJobError } from "./errors.js";

/**
 * Checks the final response before its body is read: a 2xx status, a Content-Length within
 * `maxBytes`, a body at all. Sets `attempt.status` and `attempt.expected`; returns the
 * failure that refuses the response, or `null`. Synchronous, so the common case costs no await.
 */
export function refuseResponse(attempt: AttemptContext, response: Response): DownloadJobError | null {
  const { status } = response;
  const { settings } = attempt;
  const url = attempt.shownUrl;
  attempt.status = status;
  if (status < 200 || status > 299) {
    return attempt.error(`http-${status}`, `GET ${url} answered ${status}${response.statusText ? ` ${response.statusText}` : ""}`, {
      status,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) ?? undefined,
    });
  }
  const expected = (attempt.expected = announcedLength(response.headers));
  if (expected !== undefined && expected > settings.maxBytes) {
    return attempt.error("too-large", `GET ${url} announces ${expected} bytes, more than maxBytes ${settings.maxBytes}`, { status });
  }
  if (expected === 0) return emptyBody(attempt);
  // A body read whole is checked for presence once read (readWholeBody): under Node, looking at
  // \`body\` makes a web stream per response that \`arrayBuffer()\` then never uses.
  if ((expected === undefined || expected > settings.maxBufferedBytes) && !response.body) return emptyBody(attempt);
  return null;
}

/** The failure for a body with no bytes. */
export function emptyBody(attempt: AttemptContext): DownloadJobError {
  return attempt.error("empty-body", `GET ${attempt.shownUrl} answered ${attempt.status} with an empty body`, { status: attempt.status });
}

/** The body's length from Content-Length, unless the body is compressed (it then decodes to another length). */
function announcedLength(headers: Headers): number | undefined {
  const encoding = headers.get("content-encoding")?.trim().toLowerCase();
  const length = !encoding || encoding === "identity" ? headers.get("content-length")?.trim() : undefined;
  return length && /^\d+$/.test(length) ? Number(length) : undefined;
}
