import ky, { isTimeoutError } from "ky";
import type { Transport } from "../client-options.js";
import { NotJsonError } from "../json-body.js";
import type { CallState, JsonAnswer, JsonCall, RefusedAnswer } from "./json-call.js";
import { kyOptionsFor } from "./ky-options.js";

/**
 * Runs one JSON call through ky with the client's ceiling, timeout and retries (see
 * `kyOptionsFor`) and resolves with the accepted answer; the client checks it against its schema.
 * Rejects with the caller's abort reason, the client's typed refusal, or its timeout or network error.
 */
export async function sendJson<A extends RefusedAnswer>(transport: Transport, call: JsonCall<A>): Promise<JsonAnswer> {
  call.signal?.throwIfAborted();
  const state: CallState = { attempt: 0, forced: 0, answer: undefined };
  try {
    await ky(call.url, kyOptionsFor(transport, call, state));
  } catch (error) {
    throw finalError(transport, call, state, error);
  }
  return state.answer!;
}

/**
 * What the call rejects with once ky gives up: the caller's abort reason, a typed error the
 * hooks already threw (refusals, token failures), or a timeout or network error.
 */
function finalError<A extends RefusedAnswer>(transport: Transport, call: JsonCall<A>, state: CallState, error: unknown): unknown {
  if (call.signal?.aborted) return call.signal.reason;
  if (call.errors.Base.isInstance(error)) return error;
  const { where, errors } = call;
  const url = call.url.href;
  const attempts = `${state.attempt + 1} attempts`;
  if (isTimeoutError(error)) {
    const message = `${where} timed out after ${transport.timeout} ms, ${attempts}. Raise the timeout option or check the server.`;
    return new errors.Timeout(message, url, transport.timeout, { cause: error });
  }
  if (error instanceof NotJsonError) {
    const message = `${where} answered ${error.status} with a body that is not JSON (${error.length} characters; cut short?) after ${attempts}.`;
    return new errors.Network(message, url, { cause: error.cause });
  }
  const message = `${where} failed: ${transport.redact.text(describeError(error))} after ${attempts}. Check that baseUrl is reachable.`;
  return new errors.Network(message, url, { cause: error });
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}
