/** What a client's `onRequest` receives after every HTTP attempt (retries included). Never holds a secret. */
export interface RequestEvent {
  readonly method: "GET" | "POST";
  readonly url: string;
  /** 0 for the first try of a call, then 1, 2, ... */
  readonly attempt: number;
  /** The HTTP status, or `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** Why the attempt failed without a usable answer: `"network"`, `"timeout"` or `"invalid-body"`. */
  readonly failure?: "network" | "timeout" | "invalid-body";
}

/** Calls an observer such as `onRequest`; a counting hook must not break the request it observes, so what it throws is ignored. */
export function notifySafely<E>(listener: ((event: E) => void) | undefined, event: E): void {
  try {
    listener?.(event);
  } catch {
    // Ignored on purpose (see above).
  }
}
