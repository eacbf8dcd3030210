import type { RequestEvent } from "@cat-harvest/http";

/** What `onRequest` receives after every HTTP attempt (retries included). Never holds the key. */
export type RescueGroupsRequestEvent = RequestEvent;
