import { expect, test } from "vitest";
import { urlFileName } from "./url-file-name.js";

test("a file name does not depend on the password in its URL (no guess can be tested against it)", () => {
  expect(urlFileName("http://ann:s3cret@a.test/1.png")).toBe(urlFileName("http://a.test/1.png"));
  expect(urlFileName("http://a.test/1.png?x=1")).not.toBe(urlFileName("http://a.test/1.png"));
  expect(urlFileName("http://a.test/x/1.JPEG")).toMatch(/^[0-9a-f]{16}\.jpg$/);
});
