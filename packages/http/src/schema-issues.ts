/** One problem a response schema found: where, and what was expected there (never the value found). */
export interface SchemaIssue {
  /** Where in the body, e.g. `animals[3].photos[0].small` (empty for the root). */
  readonly path: string;
  /** What was expected there. */
  readonly message: string;
}

/** The part of a schema library's issue read here (valibot's `BaseIssue` has it). */
export interface ParseIssue {
  readonly path?: readonly { readonly key: unknown }[] | undefined;
  readonly expected: string | null;
  readonly kind: string;
  readonly input: unknown;
}

/** A schema check's outcome, as valibot's `safeParse` returns it. */
export type ParseResult<T> = { readonly success: true; readonly output: T } | { readonly success: false; readonly issues: readonly ParseIssue[] };

/** `animals[3].photos[0].small` from an issue path. */
export function formatIssuePath(path: readonly { readonly key: unknown }[] | undefined): string {
  let out = "";
  for (const { key } of path ?? []) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * The output of a successful check; otherwise throws what `mismatch` builds from a summary
 * (`animals[0].name: expected string, got a number (and 2 more)`) and every issue. Neither
 * repeats a value the check refused: a token response's values are secrets.
 */
export function parsedOrThrow<T>(result: ParseResult<T>, mismatch: (summary: string, issues: SchemaIssue[]) => Error): T {
  if (result.success) return result.output;
  const issues = result.issues.map((issue) => ({
    path: formatIssuePath(issue.path),
    message: `expected ${issue.expected ?? issue.kind}, got ${kindOf(issue.input)}`,
  }));
  const first = issues[0] ?? { path: "", message: "invalid" };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  throw mismatch(`${first.path || "(root)"}: ${first.message}${more}`, issues);
}
