import { CatHarvestError } from "@cat-harvest/errors";
import type { SchemaIssue } from "@cat-harvest/http";

/** The base of every error this package throws (except `TypeError` for bad arguments and an abort's own reason). */
export class CatApiError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi.CatApiError");
  override name: string = "CatApiError";
  /** The URL of the request that failed (never holds the key: it travels in the `x-api-key` header). */
  readonly url: string;
  /** Whether trying again later may succeed. */
  readonly retryable: boolean = false;
  constructor(message: string, url: string, options?: ErrorOptions) {
    super(message, options);
    this.url = url;
  }
}

/** The Cat API answered with an HTTP error status. Subclasses name the common ones. */
export class CatApiHttpError extends CatApiError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi.CatApiHttpError");
  override name: string = "CatApiHttpError";
  readonly status: number;
  /** What the server said (its `message`, or the start of a text body), with the key redacted. */
  readonly serverMessage: string | undefined;
  constructor(message: string, status: number, url: string, serverMessage?: string, options?: ErrorOptions) {
    super(message, url, options);
    this.status = status;
    this.serverMessage = serverMessage;
  }
}

/** 401/403: the API key is wrong, revoked, or missing where one is needed. */
export class CatApiAuthError extends CatApiHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi.CatApiAuthError");
  override name = "CatApiAuthError" as const;
}

/** No such image or route (the API answers 400 for an unknown image id, 404 for an unknown route). */
export class CatApiNotFoundError extends CatApiHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi.CatApiNotFoundError");
  override name = "CatApiNotFoundError" as const;
}

/** 429 over the per-second rate, still refused after every retry. */
export class CatApiRateLimitError extends CatApiHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi.CatApiRateLimitError");
  override name: string = "CatApiRateLimitError";
  override readonly retryable = true;
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  constructor(message: string, url: string, retryAfter: number | undefined, serverMessage?: string, options?: ErrorOptions) {
    super(message, 429, url, serverMessage, options);
    this.retryAfter = retryAfter;
  }
}

/** 429 for the monthly quota: thrown at once, never slept through. Stop, and continue at `resetAt`. */
export class CatApiQuotaError extends CatApiRateLimitError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi.CatApiQuotaError");
  override name = "CatApiQuotaError" as const;
  /** When requests may continue: now + `retryAfter`, or the 1st of next month at 00:00 UTC when the server gave no `Retry-After`. */
  readonly resetAt: Date;
  constructor(message: string, url: string, retryAfter: number | undefined, resetAt: Date, serverMessage?: string, options?: ErrorOptions) {
    super(message, url, retryAfter, serverMessage, options);
    this.resetAt = resetAt;
  }
}

/** 5xx, still failing after every retry. */
export class CatApiServerError extends CatApiHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi.CatApiServerError");
  override name = "CatApiServerError" as const;
  override readonly retryable = true;
}

/** One problem a response schema found: its `path` in the body, e.g. `[3].breeds[0].id` (empty for the root), and its `message`. */
export type CatApiValidationIssue = SchemaIssue;

/** A 2xx response whose body does not have the documented shape. */
export class CatApiValidationError extends CatApiError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi.CatApiValidationError");
  override name = "CatApiValidationError" as const;
  /** The first offending field's path (see `issues` for all of them). */
  readonly path: string;
  readonly issues: readonly CatApiValidationIssue[];
  constructor(message: string, url: string, issues: readonly CatApiValidationIssue[], options?: ErrorOptions) {
    super(message, url, options);
    this.issues = issues;
    this.path = issues[0]?.path ?? "";
  }
}

/** The connection failed or was reset, or the body was cut short or not JSON, after every retry. */
export class CatApiNetworkError extends CatApiError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi.CatApiNetworkError");
  override name = "CatApiNetworkError" as const;
  override readonly retryable = true;
}

/** A request (headers and body) took longer than the `timeout` option, after every retry. */
export class CatApiTimeoutError extends CatApiError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi.CatApiTimeoutError");
  override name = "CatApiTimeoutError" as const;
  override readonly retryable = true;
  readonly timeout: number;
  constructor(message: string, url: string, timeout: number, options?: ErrorOptions) {
    super(message, url, options);
    this.timeout = timeout;
  }
}
