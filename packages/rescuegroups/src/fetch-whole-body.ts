/**
 * Wraps the `fetch` ky calls so it resolves only with the whole body read: ky's `timeout`
 * then covers a stalled body, and a body cut short fails inside `fetch`, where ky retries it
 * as the network error it is. The answers are small JSON documents.
 *
 * `onNoAnswer` hears of an attempt that got no answer: `"timeout"` when ky's own signal fired,
 * `"network"` otherwise; a caller's abort is not reported.
 */
export function fetchWholeBody(
  fetch: typeof globalThis.fetch,
  onNoAnswer: (failure: "network" | "timeout") => void,
  callerSignal: AbortSignal | undefined,
): typeof globalThis.fetch {
  return async (input, init) => {
    try {
      const answer = await fetch(input, init);
      const bytes = answer.status === 204 || answer.status === 304 ? null : await answer.arrayBuffer();
      return new Response(bytes, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
    } catch (error) {
      if (!callerSignal?.aborted) {
        const attemptSignal = input instanceof Request ? input.signal : init?.signal;
        onNoAnswer(attemptSignal?.aborted ? "timeout" : "network");
      }
      throw error;
    }
  };
}
