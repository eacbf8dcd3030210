import { readRefusal, tooManyRequestsError, type Redactor } from "@cat-harvest/http";
import {
  PetfinderAuthError,
  PetfinderBadRequestError,
  PetfinderHttpError,
  PetfinderNotFoundError,
  PetfinderQuotaError,
  PetfinderRateLimitError,
  PetfinderServerError,
  type PetfinderProblem,
} from "./errors.js";
import { isQuota } from "./quota.js";

/** An error answer, read once: its problem body and detail (secrets redacted) and its `Retry-After`. */
export interface RefusedAnswer {
  readonly status: number;
  readonly problem: PetfinderProblem | undefined;
  /** `": <detail or title>"` for messages, or `""`. */
  readonly detail: string;
  readonly retryAfterMs: number | null;
}

/** Where and how the refused call ran, for the error's message and fields. */
export interface RefusalContext {
  /** `Petfinder <operation> (<METHOD> <url>)`. */
  readonly where: string;
  readonly url: string;
  readonly attempts: number;
  /** The call sent a token (a data call), as opposed to being the token request itself. */
  readonly withToken: boolean;
  readonly maxRetryAfterSeconds: number;
}

export async function readRefusedAnswer(response: Response, redact: Redactor): Promise<RefusedAnswer> {
  const { status, json, retryAfterMs } = await readRefusal(response);
  const problem = redact.value(isObject(json) ? (json as PetfinderProblem) : undefined);
  const said = problem?.detail ?? problem?.title;
  return { status, problem, detail: typeof said === "string" && said ? `: ${redact.text(said)}` : "", retryAfterMs };
}

/** The typed error for an answer the client will not retry (any more). */
export function refusalError(answer: RefusedAnswer, context: RefusalContext): PetfinderHttpError {
  const { status, problem, detail } = answer;
  const { where, url, attempts } = context;
  if (status === 429) return rateLimitError(answer, context);
  if (status === 401 || status === 403) {
    const fix = context.withToken ? "a freshly issued token was refused too; check the account's access" : "check clientId and clientSecret";
    return new PetfinderAuthError(`${where} answered ${status}${detail}; ${fix}.`, status, url, problem);
  }
  if (status >= 500) {
    return new PetfinderServerError(
      `${where} answered ${status}${detail} after ${attempts} attempts; the server is failing, try again later.`,
      status,
      url,
      problem,
    );
  }
  if (status === 400) return badRequestError(answer, context);
  if (status === 404) {
    return new PetfinderNotFoundError(
      `${where} answered 404${detail}. Check the id or type; organizations also hide animals from the API.`,
      status,
      url,
      problem,
    );
  }
  return new PetfinderHttpError(`${where} answered ${status}${detail}.`, status, url, problem);
}

function rateLimitError({ problem, detail, retryAfterMs }: RefusedAnswer, context: RefusalContext): PetfinderRateLimitError {
  const quota = isQuota(problem, retryAfterMs, context.maxRetryAfterSeconds);
  const refusal = { ...context, said: detail, retryAfterMs, quota, period: "day", payload: problem } as const;
  return tooManyRequestsError(refusal, { Quota: PetfinderQuotaError, RateLimit: PetfinderRateLimitError });
}

function badRequestError({ status, problem, detail }: RefusedAnswer, { where, url }: RefusalContext): PetfinderBadRequestError {
  const params = Array.isArray(problem?.["invalid-params"]) ? problem["invalid-params"] : [];
  const list = params.map((p) => `${p.path ?? "?"}: ${p.message ?? "invalid"}`).join("; ");
  return new PetfinderBadRequestError(`${where} answered 400${detail}${list ? ` (${list})` : ""}. Fix the named parameters.`, status, url, problem);
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
