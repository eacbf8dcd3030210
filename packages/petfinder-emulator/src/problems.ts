import type { Reply } from "@cat-harvest/emulator-kit";

/** Error bodies shaped as the real API sends them (reference sections 1 and 5). */

/** One entry of a 400's `invalid-params`. */
export interface InvalidParam {
  readonly in: "query" | "path" | "body";
  readonly path: string;
  readonly message: string;
}

/** A response the router produces: status, headers and a body. */
export type JsonReply = Reply;

export const API_HEADERS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "cache-control": "max-age=0, no-cache, no-store",
};

function reply(status: number, contentType: string, body: unknown, extra: Record<string, string> = {}): JsonReply {
  return { status, headers: { ...API_HEADERS, "content-type": contentType, ...extra }, body: JSON.stringify(body) };
}

/** 200 with a JSON body. */
export function ok(body: unknown): JsonReply {
  return reply(200, "application/json", body);
}

/** 400 with `invalid-params`. */
export function invalidParams(params: readonly InvalidParam[]): JsonReply {
  return reply(400, "application/problem+json", {
    type: "https://www.petfinder.com/developers/v2/docs/errors/ERR-00002/",
    status: 400,
    title: "Invalid Request",
    detail: "The request contains invalid parameters.",
    "invalid-params": params,
  });
}

/** 401 for a missing, malformed, forged or expired access token. */
export function tokenInvalid(): JsonReply {
  return reply(401, "application/problem+json", {
    type: "https://httpstatus.es/401",
    status: 401,
    title: "Unauthorized",
    detail: "Access token invalid or expired",
  });
}

/** 401 from the token endpoint for wrong client credentials. */
export function invalidClient(): JsonReply {
  return reply(401, "application/problem+json", {
    type: "https://www.petfinder.com/developers/v2/docs/errors/ERR-401/",
    status: 401,
    title: "invalid_client",
    detail: "Client authentication failed",
    errors: [
      {
        code: "invalid_client",
        title: "Unauthorized",
        message: "Client authentication failed",
        details: "Client authentication failed",
        href: "http://developer.petfinder.com/v2/errors.html#invalid_client",
      },
    ],
    hint: null,
  });
}

/** 400 from the token endpoint for a grant type other than client_credentials. */
export function unsupportedGrant(): JsonReply {
  return reply(400, "application/problem+json", {
    type: "https://www.petfinder.com/developers/v2/docs/errors/ERR-400/",
    status: 400,
    title: "unsupported_grant_type",
    detail: "The authorization grant type is not supported by the authorization server. Use grant_type=client_credentials.",
  });
}

/** 404 for an unknown record or route. */
export function notFound(): JsonReply {
  return reply(404, "application/problem+json", {
    type: "https://www.petfinder.com/developers/v2/docs/errors/ERR-404/",
    status: 404,
    title: "Not Found",
    detail: "Not Found",
  });
}

/** 405 for a method a route does not take. */
export function methodNotAllowed(allow: string): JsonReply {
  return reply(
    405,
    "application/problem+json",
    {
      type: "https://httpstatus.es/405",
      status: 405,
      title: "Method Not Allowed",
      detail: `Use ${allow} on this route.`,
    },
    { allow },
  );
}

/** 429 over the per-second rate limit. */
export function rateLimited(limit: number): JsonReply {
  return tooManyRequests(`Rate limit exceeded: more than ${limit} requests per second. Retry after 1 second.`, 1);
}

/** 429 over the daily quota. */
export function quotaExceeded(limit: number, retryAfterSeconds: number): JsonReply {
  return tooManyRequests(`Quota exceeded: the daily limit of ${limit} requests is used up. It resets at 12:00am UTC.`, retryAfterSeconds);
}

/** A 429 problem as the real API sends it, with the Retry-After that tells when to come back. */
function tooManyRequests(detail: string, retryAfterSeconds: number): JsonReply {
  return reply(
    429,
    "application/problem+json",
    { type: "https://httpstatus.es/429", status: 429, title: "Too Many Requests", detail },
    { "retry-after": String(retryAfterSeconds) },
  );
}

/** A server-side failure: 500 as the real API sends it (plain JSON), 502 and 503 as a gateway would. */
export function serverError(status: 500 | 502 | 503): JsonReply {
  if (status === 502) {
    return {
      status,
      headers: { "content-type": "text/html", "cache-control": "no-store" },
      body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n",
    };
  }
  const title = status === 500 ? "error" : "Service Unavailable";
  return reply(status, "application/json", {
    type: `https://httpstatus.es/${status}`,
    status,
    title,
    detail: title,
  });
}
