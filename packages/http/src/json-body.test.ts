import { expect, test } from "vitest";
import { NotJsonError, readJsonBody } from "./index.js";

test("parses a JSON body", async () => {
  expect(await readJsonBody(new Response('{"a":[1]}'))).toEqual({ a: [1] });
});

test("a body that is not JSON is a NotJsonError with the status, the length and the SyntaxError as cause", async () => {
  const error = await readJsonBody(new Response('{"a":', { status: 202 })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotJsonError);
  expect(error).toMatchObject({ status: 202, length: 5, message: "the 202 answer's body is not JSON (5 characters)" });
  expect((error as Error).cause).toBeInstanceOf(SyntaxError);
});
