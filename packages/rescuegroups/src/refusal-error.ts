import { readRefusal, tooManyRequestsError, type Redactor } from "@cat-harvest/http";
import {
  RescueGroupsAuthError,
  RescueGroupsHttpError,
  RescueGroupsNotFoundError,
  RescueGroupsQuotaError,
  RescueGroupsRateLimitError,
  RescueGroupsServerError,
  type JsonApiErrorObject,
} from "./errors.js";
import { badRequestError } from "./bad-request-error.js";
import { isQuota } from "./quota.js";

/** An error answer, read once: its JSON:API errors and what they say (the key redacted), and its `Retry-After`. */
export interface RefusedAnswer {
  readonly status: number;
  readonly errors: readonly JsonApiErrorObject[];
  /** `": <detail or title>; ..."` for messages, or `""`. */
  readonly said: string;
  readonly retryAfterMs: number | null;
}

/** Where the refused call ran, for the error's message and fields. */
export interface RefusalContext {
  /** `RescueGroups <operation> (<METHOD> <url>)`. */
  readonly where: string;
  readonly url: string;
  readonly attempts: number;
  /** The JSON body the call sent, for resolving a 400's pointer. */
  readonly body: unknown;
  readonly maxRetryAfterSeconds: number;
}

export async function readRefusedAnswer(response: Response, redact: Redactor): Promise<RefusedAnswer> {
  const { status, json, retryAfterMs } = await readRefusal(response);
  const errors = redact.value(jsonApiErrors(json));
  const sayings = errors.map((e) => e.detail ?? e.title).filter((s): s is string => typeof s === "string" && s !== "");
  return { status, errors, said: sayings.length > 0 ? `: ${redact.text(sayings.join("; "))}` : "", retryAfterMs };
}

/** The typed error for an answer the client will not retry (any more). */
export function refusalError(answer: RefusedAnswer, context: RefusalContext): RescueGroupsHttpError {
  const { status, errors, said } = answer;
  const { where, url, attempts } = context;
  if (status === 429) return rateLimitError(answer, context);
  if (status === 400) return badRequestError(answer, context);
  if (status === 401 || status === 403) {
    return new RescueGroupsAuthError(
      `${where} answered ${status}${said}: the API key was refused. Check the apiKey option (keys are issued by RescueGroups.org).`,
      status,
      url,
      errors,
    );
  }
  if (status === 404)
    return new RescueGroupsNotFoundError(`${where} answered 404${said}. Check the id, or baseUrl (the API root with /v5).`, status, url, errors);
  if (status >= 500) {
    return new RescueGroupsServerError(
      `${where} answered ${status}${said} after ${attempts} attempts; the server is failing, try again later.`,
      status,
      url,
      errors,
    );
  }
  return new RescueGroupsHttpError(`${where} answered ${status}${said}.`, status, url, errors);
}

function rateLimitError({ errors, said, retryAfterMs }: RefusedAnswer, context: RefusalContext): RescueGroupsRateLimitError {
  const quota = isQuota(errors, retryAfterMs, context.maxRetryAfterSeconds);
  const refusal = { ...context, said, retryAfterMs, quota, period: "day", payload: errors } as const;
  return tooManyRequestsError(refusal, { Quota: RescueGroupsQuotaError, RateLimit: RescueGroupsRateLimitError });
}

/** The `errors` of a JSON:API error body; none when the body is not one. */
function jsonApiErrors(body: unknown): JsonApiErrorObject[] {
  const errors = typeof body === "object" && body !== null ? (body as { errors?: unknown }).errors : undefined;
  return Array.isArray(errors) ? errors.filter((e): e is JsonApiErrorObject => typeof e === "object" && e !== null && !Array.isArray(e)) : [];
}
