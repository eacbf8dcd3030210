/** Statuses whose `Response` may not carry a body. */
const NULL_BODY_STATUS = new Set([204, 205, 304]);

/** Why an attempt got no answer: ky aborted it (its `timeout`), or the connection failed. */
export type NoAnswer = "network" | "timeout";

/**
 * The `fetch` for ky to call: it resolves only once the whole body has arrived, so ky's `timeout`
 * covers a stalled body and ky's `retry` covers a body cut short (a failed read is a network
 * error to ky). Plain ky stops its timer at the response headers. API answers are small JSON
 * documents, so holding one in memory costs nothing.
 *
 * `onNoAnswer` hears of an attempt that got no answer: `"timeout"` when the attempt's own signal
 * fired while `callerSignal` did not, `"network"` otherwise. A caller's own abort is not reported.
 */
export function fetchWholeBody(
  fetch: typeof globalThis.fetch,
  onNoAnswer: (failure: NoAnswer) => void,
  callerSignal: AbortSignal | undefined,
): typeof globalThis.fetch {
  return async (input, init) => {
    try {
      const response = await fetch(input, init);
      const body = NULL_BODY_STATUS.has(response.status) ? null : await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      const signal = input instanceof Request ? input.signal : init?.signal;
      if (!callerSignal?.aborted) onNoAnswer(signal?.aborted ? "timeout" : "network");
      throw error;
    }
  };
}
