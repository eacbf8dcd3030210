/** What `onRequest` receives after every HTTP attempt (retries and token requests included). */
export interface PetfinderRequestEvent {
  /** `"token"` for `POST /v2/oauth2/token`, `"api"` for data calls. */
  readonly kind: "token" | "api";
  readonly method: string;
  readonly url: string;
  /** 0 for the first try of a call, then 1, 2, ... */
  readonly attempt: number;
  /** The HTTP status, or `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** Why the attempt failed without a status: `"network"`, `"timeout"` or `"invalid-body"`. */
  readonly failure?: "network" | "timeout" | "invalid-body";
}

/** Calls the `onRequest` hook; a counting hook must not break the request it observes. */
export function reportAttempt(onRequest: ((event: PetfinderRequestEvent) => void) | undefined, event: PetfinderRequestEvent): void {
  try {
    onRequest?.(event);
  } catch {
    // Ignored on purpose (see above).
  }
}
