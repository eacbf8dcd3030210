/**
 * A 2xx answer whose body is not JSON, most likely cut short. `readJsonBody` throws it from ky's
 * `afterResponse` hook so that ky retries it like a dropped connection; the clients turn it into
 * their own network error once ky gives up, so it never reaches their callers.
 */
export class NotJsonError extends Error {
  override name = "NotJsonError";
  constructor(
    readonly status: number,
    readonly length: number,
    options: ErrorOptions,
  ) {
    super(`the ${status} answer's body is not JSON (${length} characters)`, options);
  }
}

/** The parsed JSON of an answer's body; a `NotJsonError` (the `SyntaxError` as its cause) when it is not JSON. */
export async function readJsonBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NotJsonError(response.status, text.length, { cause: error });
  }
}
