import { BAD_GATEWAY_REPLY, type Reply } from "@cat-harvest/emulator-kit";

/** Headers of every API answer. */
const API_HEADERS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "content-type": "application/json; charset=utf-8",
};

function reply(status: number, body: unknown, extra: Record<string, string> = {}): Reply {
  return { status, headers: { ...API_HEADERS, ...extra }, body: JSON.stringify(body) };
}

/** 200 with a JSON body, plus headers (Pagination-*). */
export function ok(body: unknown, headers: Record<string, string> = {}): Reply {
  return reply(200, body, headers);
}

/** 401 for an `x-api-key` the server does not know. */
export function invalidKey(): Reply {
  return reply(401, { message: "AUTHENTICATION_ERROR - the x-api-key header does not hold a valid API key", status: 401 });
}

/** 400 for an image id that does not exist (the real API's wording). */
export function noSuchImage(id: string): Reply {
  return reply(400, { message: `Couldn't find an image matching the passed 'id' of ${id}`, status: 400 });
}

/** 404 for an unknown route or breed. */
export function notFound(): Reply {
  return reply(404, { message: "NOT_FOUND", status: 404 });
}

/** 405 for a method a route does not take. */
export function methodNotAllowed(allow: string): Reply {
  return reply(405, { message: `Use ${allow} on this route.`, status: 405 }, { allow });
}

/** 429 over the per-second limit. */
export function rateLimited(limit: number): Reply {
  return reply(429, { message: `Too many requests: more than ${limit} per second. Retry after 1 second.`, status: 429 }, { "retry-after": "1" });
}

/** 429 once the monthly quota is spent, with Retry-After until the 1st of next month (UTC). */
export function quotaSpent(limit: number, retryAfterSeconds: number): Reply {
  return reply(
    429,
    { message: `Monthly quota exceeded: the plan's ${limit} requests a month are used up. It resets on the 1st at 00:00 UTC.`, status: 429 },
    { "retry-after": String(retryAfterSeconds) },
  );
}

/** A server-side failure: 500 as JSON, 502 as a gateway's HTML, 503 as JSON. */
export function serverError(status: 500 | 502 | 503): Reply {
  if (status === 502) return BAD_GATEWAY_REPLY;
  return reply(status, { message: status === 500 ? "Internal Server Error" : "Service Unavailable", status });
}
