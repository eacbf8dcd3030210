import { describe, expect, test } from "vitest";
import { createRedactor } from "./index.js";

test("replaces every secret in text and in JSON values, short ones included", () => {
  const redact = createRedactor(() => ["s3cr+t/=", "ab", undefined]);
  expect(redact.text("key s3cr+t/= and ab, again s3cr+t/=")).toBe("key [redacted] and [redacted], again [redacted]");
  expect(redact.value({ detail: "token ab", list: ["s3cr+t/="] })).toEqual({ detail: "token [redacted]", list: ["[redacted]"] });
  expect(redact.value(undefined)).toBeUndefined();
});

describe("a secret echoed back encoded, as a server repeating the request body does", () => {
  const secret = "p a+s/s=w&rd~(1)";
  const redact = createRedactor(() => [secret]);
  const forms = {
    raw: secret,
    encodeURIComponent: encodeURIComponent(secret),
    "URLSearchParams (space as +)": new URLSearchParams({ client_secret: secret }).toString().slice("client_secret=".length),
    "lower-case hex": encodeURIComponent(secret).toLowerCase(),
  };

  test("the forms differ from each other", () => {
    expect(new Set(Object.values(forms)).size).toBe(4);
  });

  test.each(Object.entries(forms))("%s form is replaced in text and in values", (_name, form) => {
    const echoed = `invalid_client: grant_type=client_credentials&client_id=id&client_secret=${form}&x=1`;
    expect(redact.text(echoed)).toBe("invalid_client: grant_type=client_credentials&client_id=id&client_secret=[redacted]&x=1");
    expect(redact.value({ detail: echoed, errors: [{ message: form }] })).toEqual({
      detail: "invalid_client: grant_type=client_credentials&client_id=id&client_secret=[redacted]&x=1",
      errors: [{ message: "[redacted]" }],
    });
  });
});

test("a secret holding JSON's escaped characters is replaced inside values too", () => {
  const secret = 'q"u\\o\te';
  const redact = createRedactor(() => [secret]);
  expect(redact.value({ detail: `echo ${secret} echo` })).toEqual({ detail: "echo [redacted] echo" });
  expect(redact.text(`echo ${secret}`)).toBe("echo [redacted]");
});

test("a secret that is part of a longer secret leaves no piece of the longer one behind", () => {
  const redact = createRedactor(() => ["abc", "xxabcxx"]);
  expect(redact.text("1 xxabcxx 2 abc")).toBe("1 [redacted] 2 [redacted]");
});
