/** Statuses whose `Response` may not carry a body. */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/**
 * The `fetch` ky calls, resolving only once the whole body has arrived: ky's `timeout` then
 * covers a stalled body, and ky retries a body cut short as the network error it is. The
 * Cat API's answers are small JSON documents. `onNoAnswer` hears of an attempt that got no
 * answer (`"timeout"` when ky aborted it); the caller's own abort is not reported.
 */
export function wholeBodyFetch(
  fetch: typeof globalThis.fetch,
  onNoAnswer: (failure: "network" | "timeout") => void,
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
