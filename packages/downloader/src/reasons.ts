/**
 * Why a job failed, as a stable code for logs and summaries. `http-<status>` covers every
 * HTTP status that is refused or still failing after the last attempt (`http-404`, `http-503`).
 */
export type FailureReason =
  | "invalid-url"
  | "unsupported-protocol"
  | "invalid-key"
  | "redirect-unsupported-protocol"
  | "redirect-invalid"
  | "too-many-redirects"
  | "too-large"
  | "not-an-image"
  | "empty-body"
  | "truncated"
  | "timeout-connect"
  | "timeout-idle"
  | "timeout-total"
  | "network"
  | "storage"
  | "aborted"
  | `http-${number}`;

/** HTTP statuses worth another attempt: timeouts, too early, rate limits, server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

const TRANSIENT = new Set<string>(["truncated", "timeout-connect", "timeout-idle", "timeout-total", "network"]);

/** Whether a failure with this reason may succeed when tried again. */
export function isRetryableReason(reason: FailureReason): boolean {
  if (TRANSIENT.has(reason)) return true;
  const match = /^http-(\d{3})$/.exec(reason);
  return match !== null && isRetryableStatus(Number(match[1]));
}
