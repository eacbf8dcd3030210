import * as v from "valibot";
import { PetfinderValidationError, type PetfinderValidationIssue } from "./errors.js";

/** `animals[3].photos[0].small` from a valibot issue path. */
export function formatIssuePath(path: readonly { readonly key: unknown }[] | undefined): string {
  let out = "";
  for (const item of path ?? []) {
    const key = item.key;
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * Checks a parsed body against its schema. The error names the path and the URL, but never
 * the offending value: a token response's values are secrets.
 */
export function validateResponse<S extends v.GenericSchema>(schema: S, body: unknown, operation: string, url: string): v.InferOutput<S> {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const issues: PetfinderValidationIssue[] = result.issues.map((issue) => ({
    path: formatIssuePath(issue.path),
    message: `expected ${issue.expected ?? issue.kind}, got ${describe(issue.input)}`,
  }));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  throw new PetfinderValidationError(
    `${operation} ${url}: the response does not match the Petfinder v2 schema at ${first.path || "(root)"}: ${first.message}${more}. The server is not speaking Petfinder v2 as documented; check baseUrl.`,
    url,
    issues,
  );
}
