import ky, { type HTTPError, type KyRequest } from "ky";
import { NotJsonError, reportCallAttempt, retriesLeft, type Call } from "./call.js";
import { isQuotaAnswer, readRefusedAnswer, refusalError, type RefusalContext } from "./refusal-error.js";
import { RETRY_STATUS } from "./retry-options.js";
import type { TransportConfig } from "./transport.js";

/** `beforeRequest`: every attempt, retries included, carries a current token and waits for its slot under the shared ceiling. */
export async function prepareAttempt(config: TransportConfig, call: Call, request: KyRequest, retryCount: number): Promise<void> {
  call.attempt = retryCount;
  if (call.tokens) {
    call.token = await call.tokens.get(call.signal);
    request.headers.set("authorization", `Bearer ${call.token}`);
  }
  await config.limiter.acquire(call.signal);
}

/**
 * `afterResponse`: reports the answer, keeps a 2xx body (one that is not JSON was cut short:
 * thrown, so ky retries it), and on a refused token drops it and has ky retry at once with a
 * fresh one (`beforeRequest` fetches it).
 */
export async function acceptAnswer(config: TransportConfig, call: Call, response: Response): Promise<ReturnType<typeof ky.retry> | void> {
  if (response.ok) return keepJsonBody(config, call, response);
  reportCallAttempt(config, call, response.status);
  const refused = response.status === 401 || response.status === 403;
  if (refused && call.tokens && call.token !== undefined && !call.refreshed) {
    // Dropped only if no other call replaced it already.
    call.tokens.invalidate(call.token);
    call.refreshed = true;
    return ky.retry({ delay: 0, code: "TOKEN_REFUSED" });
  }
}

async function keepJsonBody(config: TransportConfig, call: Call, response: Response): Promise<void> {
  const text = await response.text();
  try {
    call.body = JSON.parse(text);
  } catch (error) {
    reportCallAttempt(config, call, response.status, "invalid-body");
    throw new NotJsonError(response.status, text.length, { cause: error });
  }
  reportCallAttempt(config, call, response.status);
}

/**
 * `beforeError` (ky runs it for every refused attempt, before deciding to retry): an answer ky
 * will retry goes back to ky as it is, and a 429 among them holds back every call of the client
 * for its `Retry-After`. Any other answer, and the daily quota at once, becomes a typed error.
 */
export async function throwTypedRefusal(config: TransportConfig, call: Call, error: HTTPError, retryCount: number): Promise<HTTPError> {
  const answer = await readRefusedAnswer(error.response, config.redact);
  const context: RefusalContext = {
    where: call.where,
    url: call.url,
    attempts: retryCount + 1,
    withToken: call.tokens !== undefined,
    maxRetryAfterSeconds: config.retry.maxRetryAfterSeconds,
  };
  const retried = RETRY_STATUS.includes(answer.status) && !isQuotaAnswer(answer, context) && retriesLeft(config, call, retryCount);
  if (!retried) throw refusalError(answer, context);
  if (answer.status === 429 && answer.retryAfterMs !== null) config.limiter.pause(answer.retryAfterMs);
  return error;
}
