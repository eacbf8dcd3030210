import { expect, test } from "vitest";
import { createRedactor } from "./index.js";

test("replaces every secret in text and in JSON values, short ones included", () => {
  const redact = createRedactor(() => ["s3cr+t/=", "ab", undefined]);
  expect(redact.text("key s3cr+t/= and ab, again s3cr+t/=")).toBe("key [redacted] and [redacted], again [redacted]");
  expect(redact.value({ detail: "token ab", list: ["s3cr+t/="] })).toEqual({ detail: "token [redacted]", list: ["[redacted]"] });
  expect(redact.value(undefined)).toBeUndefined();
});
