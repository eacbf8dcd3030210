import { parsedOrThrow } from "@cat-harvest/http";
import * as v from "valibot";
import { PetfinderValidationError } from "./errors.js";

export { formatIssuePath } from "@cat-harvest/http";

/**
 * Checks a parsed body against its schema. The error names the path and the URL, but never
 * the offending value: a token response's values are secrets.
 */
export function validateResponse<S extends v.GenericSchema>(schema: S, body: unknown, operation: string, url: string): v.InferOutput<S> {
  return parsedOrThrow(
    v.safeParse(schema, body),
    (summary, issues) =>
      new PetfinderValidationError(
        `${operation} ${url}: the response does not match the Petfinder v2 schema at ${summary}. The server is not speaking Petfinder v2 as documented; check baseUrl.`,
        url,
        issues,
      ),
  );
}
