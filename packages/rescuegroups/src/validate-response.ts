import { parsedOrThrow } from "@cat-harvest/http";
import * as v from "valibot";
import { RescueGroupsValidationError } from "./errors.js";

/**
 * Checks a parsed answer against its schema. The error names the field's path and the URL,
 * never the offending value.
 */
export function validateResponse<S extends v.GenericSchema>(schema: S, body: unknown, where: string, url: string): v.InferOutput<S> {
  return parsedOrThrow(
    v.safeParse(schema, body),
    (summary, issues) =>
      new RescueGroupsValidationError(
        `${where}: the answer does not match the RescueGroups v5 JSON:API schema at ${summary}. The server is not speaking RescueGroups v5 as documented; check baseUrl.`,
        url,
        issues,
      ),
  );
}
