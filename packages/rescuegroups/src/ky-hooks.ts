import type { HTTPError, KyRequest } from "ky";
import { NotJsonError, reportCallAttempt, type Call } from "./call.js";
import { isQuotaAnswer, readRefusedAnswer, refusalError, type RefusalContext } from "./refusal-error.js";
import { RETRY_STATUS } from "./retry-options.js";
import type { TransportConfig } from "./transport.js";

/** `beforeRequest`: every attempt, retries included, carries the key and waits for its slot under the shared ceiling. */
export async function prepareAttempt(config: TransportConfig, call: Call, request: KyRequest, retryCount: number): Promise<void> {
  call.attempt = retryCount;
  // The reference: the raw key is the whole header value, no "Bearer".
  request.headers.set("authorization", config.apiKey);
  await config.limiter.acquire(call.signal);
}

/** `afterResponse`: reports the answer and keeps a 2xx body; one that is not JSON was cut short, thrown so ky retries it. */
export async function acceptAnswer(config: TransportConfig, call: Call, response: Response): Promise<void> {
  if (!response.ok) return reportCallAttempt(config, call, response.status);
  const text = await response.text();
  try {
    call.answer = JSON.parse(text);
  } catch (error) {
    reportCallAttempt(config, call, response.status, "invalid-body");
    throw new NotJsonError(response.status, text.length, { cause: error });
  }
  reportCallAttempt(config, call, response.status);
}

/**
 * `beforeError` (ky runs it for every refused attempt, before deciding to retry): an answer ky
 * will retry goes back to ky as it is, and a 429 among them holds back every call of the
 * client for its `Retry-After`. Any other answer, and a used-up quota at once, becomes a typed error.
 */
export async function throwTypedRefusal(config: TransportConfig, call: Call, error: HTTPError, retryCount: number): Promise<HTTPError> {
  const answer = await readRefusedAnswer(error.response, config.redact);
  const context: RefusalContext = {
    where: call.where,
    url: call.url,
    attempts: retryCount + 1,
    body: call.body,
    maxRetryAfterSeconds: config.retry.maxRetryAfterSeconds,
  };
  const retried = RETRY_STATUS.includes(answer.status) && !isQuotaAnswer(answer, context) && retryCount < config.retry.limit;
  if (!retried) throw refusalError(answer, context);
  if (answer.status === 429 && answer.retryAfterMs !== null) config.limiter.pause(answer.retryAfterMs);
  return error;
}
