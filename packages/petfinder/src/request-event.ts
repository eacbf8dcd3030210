import type { RequestEvent } from "@cat-harvest/http";

/** What `onRequest` receives after every HTTP attempt (retries and token requests included). */
export interface PetfinderRequestEvent extends RequestEvent {
  /** `"token"` for `POST /v2/oauth2/token`, `"api"` for data calls. */
  readonly kind: "token" | "api";
}
