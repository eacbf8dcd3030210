import type { HTTPError, KyRequest } from "ky";
import type { Transport } from "../client-options.js";
import { NotJsonError, readJsonBody } from "../json-body.js";
import { RETRY_STATUS } from "../retry-settings.js";
import { reportAttempt, retriesLeft, type CallState, type ForcedRetry, type JsonCall, type RefusedAnswer } from "./json-call.js";

/** `beforeRequest`: every attempt, retries included, carries the client's credentials and waits for its slot under the shared ceiling. */
export async function prepareAttempt<A extends RefusedAnswer>(
  transport: Transport,
  call: JsonCall<A>,
  state: CallState,
  request: KyRequest,
  retryCount: number,
): Promise<void> {
  state.attempt = retryCount;
  await call.authorize?.(request);
  await transport.limiter.acquire(call.signal);
}

/**
 * `afterResponse`: reports the answer and keeps a 2xx body; one that is not JSON was cut short,
 * thrown so ky retries it. A refused answer goes to `onRefused`, which may force a retry.
 */
export async function acceptAnswer<A extends RefusedAnswer>(call: JsonCall<A>, state: CallState, response: Response): Promise<ForcedRetry | undefined> {
  if (response.ok) {
    try {
      state.answer = { body: await readJsonBody(response), headers: response.headers };
    } catch (error) {
      if (error instanceof NotJsonError) reportAttempt(call, state, response.status, "invalid-body");
      throw error;
    }
    reportAttempt(call, state, response.status);
    return undefined;
  }
  reportAttempt(call, state, response.status);
  const forced = call.onRefused?.(response);
  if (forced) state.forced++;
  return forced;
}

/**
 * `beforeError` (ky runs it for every refused attempt, before deciding to retry): an answer ky
 * will retry goes back to ky as it is, and a 429 among them holds back every call of the client
 * for its `Retry-After`. Any other answer, and a used-up quota at once, becomes the client's typed error.
 */
export async function throwTypedRefusal<A extends RefusedAnswer>(
  transport: Transport,
  call: JsonCall<A>,
  state: CallState,
  error: HTTPError,
  retryCount: number,
): Promise<HTTPError> {
  const answer = await call.readRefusal(error.response);
  const retried =
    RETRY_STATUS.includes(answer.status) && !(answer.status === 429 && call.isQuota(answer)) && retriesLeft(transport.retry.limit, state, retryCount);
  if (!retried) throw call.refusalError(answer, retryCount + 1);
  if (answer.status === 429 && answer.retryAfterMs !== null) transport.limiter.pause(answer.retryAfterMs);
  return error;
}
