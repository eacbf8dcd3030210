import { BAD_GATEWAY_REPLY, type Reply } from "@cat-harvest/emulator-kit";
import { errorReply } from "./documents.js";

/** 401: the Authorization header is missing or holds no known key (the key is never echoed). */
export function unauthorized(missing: boolean): Reply {
  return errorReply(
    401,
    "Unauthorized",
    missing ? "No API key was sent. Send your key as the Authorization header." : "The API key sent in the Authorization header is not valid.",
  );
}

/** 404 for an unknown route, species or animal. */
export function notFound(what: string): Reply {
  return errorReply(404, "Not Found", what);
}

/** 405 for a method a route does not take. */
export function methodNotAllowed(allow: string): Reply {
  return errorReply(405, "Method Not Allowed", `Use ${allow} on this route.`, { headers: { allow } });
}

/** 429 over the per-second limit. */
export function rateLimited(limit: number): Reply {
  return errorReply(429, "Too Many Requests", `More than ${limit} requests per second. Retry after 1 second.`, { headers: { "retry-after": "1" } });
}

/** 429 once the daily quota is spent, with Retry-After until 00:00 UTC. */
export function quotaSpent(limit: number, retryAfterSeconds: number): Reply {
  return errorReply(429, "Too Many Requests", `Daily quota exceeded: this key's ${limit} requests per day are used up. The quota resets at 00:00 UTC.`, {
    headers: { "retry-after": String(retryAfterSeconds) },
  });
}

/** A server-side failure: 500 and 503 as JSON:API, 502 as a gateway's HTML. */
export function serverError(status: 500 | 502 | 503): Reply {
  if (status === 502) return BAD_GATEWAY_REPLY;
  return errorReply(status, status === 500 ? "Internal Server Error" : "Service Unavailable", "The server could not answer; try again.");
}
