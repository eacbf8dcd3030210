import { RescueGroupsBadRequestError, type JsonApiErrorObject, type RescueGroupsInvalidField } from "./errors.js";
import type { RefusalContext, RefusedAnswer } from "./refusal-error.js";

/** A 400 naming each refused field: a pointer into the filters becomes that filter's `fieldName`. */
export function badRequestError({ errors, said }: RefusedAnswer, { where, url, body }: RefusalContext): RescueGroupsBadRequestError {
  const invalidFields = errors.map((error) => invalidField(error, body));
  const named = invalidFields.flatMap((f) => (f.field === undefined ? [] : [f.field]));
  const fields = named.length > 0 ? ` (field ${named.map((f) => JSON.stringify(f)).join(", ")})` : "";
  return new RescueGroupsBadRequestError(
    `${where} answered 400${said}${fields}. Fix the named field; filter fields need the "animals." prefix.`,
    url,
    errors,
    invalidFields,
  );
}

function invalidField(error: JsonApiErrorObject, body: unknown): RescueGroupsInvalidField {
  const pointer = typeof error.source?.pointer === "string" ? error.source.pointer : undefined;
  const parameter = typeof error.source?.parameter === "string" ? error.source.parameter : undefined;
  const detail = String(error.detail ?? error.title ?? "invalid");
  return { field: filterFieldAt(pointer, body) ?? parameter ?? pointer, pointer, detail };
}

/** `/data/filters/2/...` names the third filter of the body sent: its `fieldName`. */
function filterFieldAt(pointer: string | undefined, body: unknown): string | undefined {
  const index = /^\/data\/filters\/(\d+)(?:\/|$)/.exec(pointer ?? "")?.[1];
  if (index === undefined) return undefined;
  const filters = (body as { data?: { filters?: unknown } } | undefined)?.data?.filters;
  const filter = Array.isArray(filters) ? (filters[Number(index)] as { fieldName?: unknown } | undefined) : undefined;
  return typeof filter?.fieldName === "string" ? filter.fieldName : undefined;
}
