import * as v from "valibot";
import { CatApiValidationError, type CatApiValidationIssue } from "./errors.js";

/** `[3].breeds[0].id` from a valibot issue path. */
export function issuePath(path: readonly { readonly key: unknown }[] | undefined): string {
  return (path ?? [])
    .map(({ key }, i) =>
      typeof key === "number"
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `${i === 0 ? "" : "."}${String(key)}`
          : `[${JSON.stringify(String(key))}]`,
    )
    .join("");
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Checks a parsed body against its schema; the error names the field path and the URL, never the value. */
export function validateResponse<S extends v.GenericSchema>(schema: S, body: unknown, where: string, url: string): v.InferOutput<S> {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const issues: CatApiValidationIssue[] = result.issues.map((issue) => ({
    path: issuePath(issue.path),
    message: `expected ${issue.expected ?? issue.kind}, got ${kindOf(issue.input)}`,
  }));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  throw new CatApiValidationError(
    `${where}: the response does not match The Cat API v1 schema at ${first.path || "(root)"}: ${first.message}${more}. Check baseUrl: the server is not speaking The Cat API v1 as documented.`,
    url,
    issues,
  );
}
