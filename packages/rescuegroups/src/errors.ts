import { CatHarvestError } from "@cat-harvest/errors";
import type { SchemaIssue } from "@cat-harvest/http";

/** One entry of a JSON:API `errors` array, as RescueGroups sends it. */
export interface JsonApiErrorObject {
  readonly status?: string | number;
  readonly title?: string;
  readonly detail?: string;
  readonly code?: string;
  readonly source?: { readonly pointer?: string; readonly parameter?: string };
  readonly [key: string]: unknown;
}

/** A field a 400 answer refused. */
export interface RescueGroupsInvalidField {
  /** The refused field: a filter's `fieldName` when the answer points into the filters, else the query parameter or pointer. */
  readonly field: string | undefined;
  /** The JSON pointer into the request body, when the server gave one. */
  readonly pointer: string | undefined;
  /** What the server said about it. */
  readonly detail: string;
}

/** The base of every error this package throws (except `TypeError` for bad arguments and an abort's own reason). */
export class RescueGroupsError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups.RescueGroupsError");
  override name: string = "RescueGroupsError";
  /** The URL of the request that failed (never holds the key: it travels in a header). */
  readonly url: string;
  /** Whether trying again later may succeed. */
  readonly retryable: boolean = false;
  constructor(message: string, url: string, options?: ErrorOptions) {
    super(message, options);
    this.url = url;
  }
}

/** RescueGroups answered with an HTTP error status. Subclasses name the common ones. */
export class RescueGroupsHttpError extends RescueGroupsError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups.RescueGroupsHttpError");
  override name: string = "RescueGroupsHttpError";
  readonly status: number;
  /** The answer's JSON:API `errors` (the key redacted), empty when it sent none. */
  readonly errors: readonly JsonApiErrorObject[];
  constructor(message: string, status: number, url: string, errors: readonly JsonApiErrorObject[] = [], options?: ErrorOptions) {
    super(message, url, options);
    this.status = status;
    this.errors = errors;
  }
}

/** 401/403: the API key is missing, wrong or revoked. */
export class RescueGroupsAuthError extends RescueGroupsHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups.RescueGroupsAuthError");
  override name = "RescueGroupsAuthError" as const;
}

/** 404: no such animal, or a path the API does not have (two species in one search, say). */
export class RescueGroupsNotFoundError extends RescueGroupsHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups.RescueGroupsNotFoundError");
  override name = "RescueGroupsNotFoundError" as const;
}

/** 400: the API refused the request; `invalidFields` names what (a filter field without the `animals.` prefix, say). */
export class RescueGroupsBadRequestError extends RescueGroupsHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups.RescueGroupsBadRequestError");
  override name = "RescueGroupsBadRequestError" as const;
  readonly invalidFields: readonly RescueGroupsInvalidField[];
  /** The first refused field, when the answer named one. */
  readonly field: string | undefined;
  constructor(message: string, url: string, errors: readonly JsonApiErrorObject[], invalidFields: readonly RescueGroupsInvalidField[], options?: ErrorOptions) {
    super(message, 400, url, errors, options);
    this.invalidFields = invalidFields;
    this.field = invalidFields.find((f) => f.field !== undefined)?.field;
  }
}

/** 429, still refused after every retry. */
export class RescueGroupsRateLimitError extends RescueGroupsHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups.RescueGroupsRateLimitError");
  override name: string = "RescueGroupsRateLimitError";
  override readonly retryable = true;
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  constructor(message: string, url: string, retryAfter: number | undefined, errors?: readonly JsonApiErrorObject[], options?: ErrorOptions) {
    super(message, 429, url, errors, options);
    this.retryAfter = retryAfter;
  }
}

/** 429 for a used-up quota: thrown at once, never slept through. Stop and continue at `resetAt`. */
export class RescueGroupsQuotaError extends RescueGroupsRateLimitError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups.RescueGroupsQuotaError");
  override name = "RescueGroupsQuotaError" as const;
  /** When to continue: now + `retryAfter`, or the next 00:00 UTC when the server gave no `Retry-After`. */
  readonly resetAt: Date;
  constructor(message: string, url: string, retryAfter: number | undefined, resetAt: Date, errors?: readonly JsonApiErrorObject[], options?: ErrorOptions) {
    super(message, url, retryAfter, errors, options);
    this.resetAt = resetAt;
  }
}

/** 5xx, still failing after every retry. */
export class RescueGroupsServerError extends RescueGroupsHttpError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups.RescueGroupsServerError");
  override name = "RescueGroupsServerError" as const;
  override readonly retryable = true;
}

/** One problem a response schema found: its `path` in the body, e.g. `included[2].attributes.large` (empty for the root), and its `message`. */
export type RescueGroupsValidationIssue = SchemaIssue;

/** A 2xx response whose body does not have the documented shape. */
export class RescueGroupsValidationError extends RescueGroupsError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups.RescueGroupsValidationError");
  override name = "RescueGroupsValidationError" as const;
  /** The first offending field's path (see `issues` for all of them). */
  readonly path: string;
  readonly issues: readonly RescueGroupsValidationIssue[];
  constructor(message: string, url: string, issues: readonly RescueGroupsValidationIssue[], options?: ErrorOptions) {
    super(message, url, options);
    this.issues = issues;
    this.path = issues[0]?.path ?? "";
  }
}

/** The connection failed or was reset, or the body was cut short or not JSON, after every retry. */
export class RescueGroupsNetworkError extends RescueGroupsError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups.RescueGroupsNetworkError");
  override name = "RescueGroupsNetworkError" as const;
  override readonly retryable = true;
}

/** An attempt (headers and body) took longer than the `timeout` option, after every retry. */
export class RescueGroupsTimeoutError extends RescueGroupsError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups.RescueGroupsTimeoutError");
  override name = "RescueGroupsTimeoutError" as const;
  override readonly retryable = true;
  readonly timeout: number;
  constructor(message: string, url: string, timeout: number, options?: ErrorOptions) {
    super(message, url, options);
    this.timeout = timeout;
  }
}
