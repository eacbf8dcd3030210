/** What `onRequest` receives after every HTTP attempt (retries included). Never holds the key. */
export interface RescueGroupsRequestEvent {
  readonly method: "GET" | "POST";
  readonly url: string;
  /** 0 for the first try of a call, then 1, 2, ... */
  readonly attempt: number;
  /** The HTTP status, or `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** Why the attempt failed without a usable answer: `"network"`, `"timeout"` or `"invalid-body"`. */
  readonly failure?: "network" | "timeout" | "invalid-body";
}

/** Calls the `onRequest` hook; a counting hook must not break the request it observes. */
export function reportAttempt(onRequest: ((event: RescueGroupsRequestEvent) => void) | undefined, event: RescueGroupsRequestEvent): void {
  try {
    onRequest?.(event);
  } catch {
    // Ignored on purpose (see above).
  }
}
