import { CatHarvestError } from "@cat-harvest/errors";
import type { SchemaIssue } from "@cat-harvest/http";

/** An RFC 7807 problem body as Petfinder sends it (`invalid-params` on 400s). */
export interface PetfinderProblem {
  readonly type?: string;
  readonly status?: number;
  readonly title?: string;
  readonly detail?: string;
  readonly "invalid-params"?: readonly PetfinderInvalidParam[];
  readonly [key: string]: unknown;
}

/** One entry of a 400 answer's `invalid-params`. */
export interface PetfinderInvalidParam {
  readonly in?: string;
  readonly path?: string;
  readonly message?: string;
}

/** The base of every error this package throws (except `TypeError` for bad arguments and an abort's own reason). */
export class PetfinderError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder.PetfinderError");
  override name: string = "PetfinderError";
  /** The URL of the request that failed (never holds a secret: credentials travel in bodies and headers). */
  readonly url: string;
  /** Whether trying again later may succeed. */
  readonly retryable: boolean = false;
  constructor(message: string, url: string, options?: ErrorOptions) {
    super(message, options);
    this.url = url;
  }
}

/** Petfinder answered with an HTTP error status. Subclasses name the common ones. */
export class PetfinderHttpError extends PetfinderError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder.PetfinderHttpError");
  override name: string = "PetfinderHttpError";
  readonly status: number;
  /** The parsed problem+json body, when the server sent one. */
  readonly problem: PetfinderProblem | undefined;
  constructor(message: string, status: number, url: string, problem?: PetfinderProblem, options?: ErrorOptions) {
    super(message, url, options);
    this.status = status;
    this.problem = problem;
  }
}

/** 401/403: the client id or secret is wrong, or a fresh token was refused. */
export class PetfinderAuthError extends PetfinderHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder.PetfinderAuthError");
  override name = "PetfinderAuthError" as const;
}

/** 404: no such animal, organization or type (organizations also de-list animals). */
export class PetfinderNotFoundError extends PetfinderHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder.PetfinderNotFoundError");
  override name = "PetfinderNotFoundError" as const;
}

/** 400: Petfinder refused a parameter; `invalidParams` lists which and why. */
export class PetfinderBadRequestError extends PetfinderHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder.PetfinderBadRequestError");
  override name = "PetfinderBadRequestError" as const;
  readonly invalidParams: readonly PetfinderInvalidParam[];
  constructor(message: string, status: number, url: string, problem?: PetfinderProblem, options?: ErrorOptions) {
    super(message, status, url, problem, options);
    this.invalidParams = Array.isArray(problem?.["invalid-params"]) ? problem["invalid-params"] : [];
  }
}

/** 429 over the per-second rate limit, still refused after every retry. */
export class PetfinderRateLimitError extends PetfinderHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder.PetfinderRateLimitError");
  override name: string = "PetfinderRateLimitError";
  override readonly retryable = true;
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  constructor(message: string, url: string, retryAfter: number | undefined, problem?: PetfinderProblem, options?: ErrorOptions) {
    super(message, 429, url, problem, options);
    this.retryAfter = retryAfter;
  }
}

/** 429 for the daily quota: thrown at once, never slept through. Stop and come back at `resetAt`. */
export class PetfinderQuotaError extends PetfinderRateLimitError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder.PetfinderQuotaError");
  override name = "PetfinderQuotaError" as const;
  /** When the quota resets: now + `retryAfter`, or the next 00:00 UTC (Petfinder's reset) when the server gave no `Retry-After`. */
  readonly resetAt: Date;
  constructor(message: string, url: string, retryAfter: number | undefined, resetAt: Date, problem?: PetfinderProblem, options?: ErrorOptions) {
    super(message, url, retryAfter, problem, options);
    this.resetAt = resetAt;
  }
}

/** 5xx, still failing after every retry. */
export class PetfinderServerError extends PetfinderHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder.PetfinderServerError");
  override name = "PetfinderServerError" as const;
  override readonly retryable = true;
}

/** One problem a response schema found: its `path` in the body, e.g. `animals[3].photos[0].small` (empty for the root), and its `message`. */
export type PetfinderValidationIssue = SchemaIssue;

/** A 2xx response whose body does not have the documented shape. */
export class PetfinderValidationError extends PetfinderError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder.PetfinderValidationError");
  override name = "PetfinderValidationError" as const;
  /** The first offending field's path (see `issues` for all of them). */
  readonly path: string;
  readonly issues: readonly PetfinderValidationIssue[];
  constructor(message: string, url: string, issues: readonly PetfinderValidationIssue[], options?: ErrorOptions) {
    super(message, url, options);
    this.issues = issues;
    this.path = issues[0]?.path ?? "";
  }
}

/** The connection failed or was reset, or the body was cut short or not JSON, after every retry. */
export class PetfinderNetworkError extends PetfinderError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder.PetfinderNetworkError");
  override name = "PetfinderNetworkError" as const;
  override readonly retryable = true;
}

/** A request (headers and body) took longer than the `timeout` option, after every retry. */
export class PetfinderTimeoutError extends PetfinderError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder.PetfinderTimeoutError");
  override name = "PetfinderTimeoutError" as const;
  override readonly retryable = true;
  readonly timeout: number;
  constructor(message: string, url: string, timeout: number, options?: ErrorOptions) {
    super(message, url, options);
    this.timeout = timeout;
  }
}
