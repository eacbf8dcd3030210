import { expect, test } from "vitest";
import { QueueSecretError, checkJobSettings } from "./index.js";

test("plain settings pass", () => {
  expect(() => checkJobSettings({ out: "s3://bucket/ds", format: "webdataset", concurrency: 64, demo: false, label: null })).not.toThrow();
});

test.each([
  [{ apiKey: "x" }, "apiKey"],
  [{ aws_secret_access_key: "x" }, "aws_secret_access_key"],
  [{ redisPassword: "x" }, "redisPassword"],
  [{ out: "s3://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/ds" }, "out"],
  [{ endpoint: "https://s3.example/?X-Amz-Signature=abc" }, "endpoint"],
])("refuses a credential in %j, naming the setting and not the value", (settings, option) => {
  let caught: unknown;
  try {
    checkJobSettings(settings);
  } catch (error) {
    caught = error;
  }
  expect(QueueSecretError.isInstance(caught)).toBe(true);
  expect((caught as QueueSecretError).option).toBe(option);
  expect((caught as Error).message).not.toMatch(/wJalrXUtnFEMI|abc"/);
});

test("refuses a value that contains a secret the caller holds, of 8 characters or more", () => {
  expect(() => checkJobSettings({ note: "run by key=sk_live_123456" }, ["sk_live_123456"])).toThrow(/"note" contains one of the credentials/);
  expect(() => checkJobSettings({ out: "/data/demo-run" }, ["demo"])).not.toThrow();
});
