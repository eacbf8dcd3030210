import { describe, expect, test } from "vitest";
import { publicUrl, splitUrlCredentials } from "./index.js";

describe("publicUrl", () => {
  test.each([
    ["http://ann:s3cret@example.com/a.jpg", "http://example.com/a.jpg"],
    ["https://ann@example.com:8443/a.jpg?w=1", "https://example.com:8443/a.jpg?w=1"],
    ["https://:p%40ss@example.com/a.jpg", "https://example.com/a.jpg"],
    ["https://example.com/a.jpg?token=abc&w=1", "https://example.com/a.jpg?token=REDACTED&w=1"],
    [
      "https://b.s3.amazonaws.com/a.jpg?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=f00d&X-Amz-Expires=60",
      "https://b.s3.amazonaws.com/a.jpg?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&X-Amz-Expires=60",
    ],
    [
      "https://example.com/a.jpg?api_key=1&password=2&sig=3&key=photo.jpg",
      "https://example.com/a.jpg?api_key=REDACTED&password=REDACTED&sig=REDACTED&key=photo.jpg",
    ],
  ])("%s is stored as %s", (url, expected) => {
    expect(publicUrl(url)).toBe(expected);
  });

  test("a URL without credentials comes back character for character", () => {
    const url = "https://example.com/a b.jpg?q=%7E&x";
    expect(publicUrl(url)).toBe(url);
  });

  test("text that is not a URL loses what looks like user:password@", () => {
    expect(publicUrl("htp//ann:s3cret@example.com/a.jpg and //bob:pw@x")).toBe("htp//example.com/a.jpg and //x");
  });
});

describe("splitUrlCredentials", () => {
  test("turns user:password into a Basic authorization, decoded then UTF-8", () => {
    expect(splitUrlCredentials("http://ann:s%3Acr%C3%A9t@example.com/a.jpg")).toEqual({
      url: "http://example.com/a.jpg",
      authorization: `Basic ${Buffer.from("ann:s:crét").toString("base64")}`,
    });
  });

  test("leaves a URL without credentials alone", () => {
    expect(splitUrlCredentials("http://example.com/a.jpg?token=1")).toEqual({ url: "http://example.com/a.jpg?token=1", authorization: undefined });
  });
});
