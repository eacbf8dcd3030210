import * as v from "valibot";
import { RescueGroupsValidationError, type RescueGroupsValidationIssue } from "./errors.js";

/** `included[2].attributes.large` from a valibot issue path. */
function issuePath(path: readonly { readonly key: unknown }[] | undefined): string {
  return (path ?? []).map(({ key }, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`)).join("");
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * Checks a parsed answer against its schema. The error names the field's path and the URL,
 * never the offending value.
 */
export function validateResponse<S extends v.GenericSchema>(schema: S, body: unknown, where: string, url: string): v.InferOutput<S> {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const issues: RescueGroupsValidationIssue[] = result.issues.map((issue) => ({
    path: issuePath(issue.path),
    message: `expected ${issue.expected ?? issue.kind}, got ${kindOf(issue.input)}`,
  }));
  const [first] = issues;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  throw new RescueGroupsValidationError(
    `${where}: the answer does not match the RescueGroups v5 JSON:API schema at ${first!.path || "(root)"}: ${first!.message}${more}. The server is not speaking RescueGroups v5 as documented; check baseUrl.`,
    url,
    issues,
  );
}
