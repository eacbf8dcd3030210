import { isQuotaRefusal, readRefusal, tooManyRequestsError, type Redactor } from "@cat-harvest/http";
import { CatApiAuthError, CatApiHttpError, CatApiNotFoundError, CatApiQuotaError, CatApiRateLimitError, CatApiServerError } from "./errors.js";

/** An error answer, read once: what the server said (key redacted) and its `Retry-After`. */
export interface RefusedAnswer {
  readonly status: number;
  readonly serverMessage: string | undefined;
  readonly retryAfterMs: number | null;
}

export async function readRefusedAnswer(response: Response, redact: Redactor): Promise<RefusedAnswer> {
  const { status, text, json, retryAfterMs } = await readRefusal(response);
  // A JSON body's `message`; a text or HTML body: its start is the message.
  const said: unknown = typeof json === "object" && json !== null && "message" in json ? json.message : text.slice(0, 200).trim() || undefined;
  return { status, serverMessage: typeof said === "string" && !said.startsWith("<") ? redact.text(said) : undefined, retryAfterMs };
}

/**
 * Whether a 429 is the monthly quota rather than the per-second rate: its text says so, or its
 * `Retry-After` is longer than the client sleeps through. Thrown at once, never retried.
 */
export function isQuota(answer: RefusedAnswer, maxRetryAfterSeconds: number): boolean {
  return answer.status === 429 && isQuotaRefusal(answer.serverMessage ?? "", /quota|month|per day|daily/i, answer.retryAfterMs, maxRetryAfterSeconds);
}

/** The typed error for an answer the client will not retry (any more). */
export function refusalError(answer: RefusedAnswer, where: string, url: string, attempts: number, maxRetryAfterSeconds: number): CatApiHttpError {
  const { status, serverMessage, retryAfterMs } = answer;
  const said = serverMessage ? `: ${serverMessage}` : "";
  if (status === 429) {
    const refusal = {
      where,
      url,
      attempts,
      said,
      retryAfterMs,
      quota: isQuota(answer, maxRetryAfterSeconds),
      period: "month",
      payload: serverMessage,
    } as const;
    return tooManyRequestsError(refusal, { Quota: CatApiQuotaError, RateLimit: CatApiRateLimitError });
  }
  if (status === 401 || status === 403) {
    return new CatApiAuthError(
      `${where} answered ${status}${said}; check the apiKey option (a free key comes from thecatapi.com).`,
      status,
      url,
      serverMessage,
    );
  }
  if (status >= 500) {
    return new CatApiServerError(
      `${where} answered ${status}${said} after ${attempts} attempts; the server is failing, try again later.`,
      status,
      url,
      serverMessage,
    );
  }
  if (status === 404 || (status === 400 && /couldn't find|not found/i.test(serverMessage ?? ""))) {
    return new CatApiNotFoundError(`${where} answered ${status}${said}. Check the id.`, status, url, serverMessage);
  }
  return new CatApiHttpError(`${where} answered ${status}${said}.`, status, url, serverMessage);
}
