import { parsedOrThrow } from "@cat-harvest/http";
import * as v from "valibot";
import { CatApiValidationError } from "./errors.js";

/** Checks a parsed body against its schema; the error names the field path and the URL, never the value. */
export function validateResponse<S extends v.GenericSchema>(schema: S, body: unknown, where: string, url: string): v.InferOutput<S> {
  return parsedOrThrow(
    v.safeParse(schema, body),
    (summary, issues) =>
      new CatApiValidationError(
        `${where}: the response does not match The Cat API v1 schema at ${summary}. Check baseUrl: the server is not speaking The Cat API v1 as documented.`,
        url,
        issues,
      ),
  );
}
