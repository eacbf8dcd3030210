import * as v from "valibot";
import { expect, test } from "vitest";
import { formatIssuePath, parsedOrThrow, type SchemaIssue } from "./index.js";

test.each([
  [[], ""],
  [[{ key: "animals" }], "animals"],
  [[{ key: "animals" }, { key: 3 }, { key: "photos" }, { key: 0 }, { key: "small" }], "animals[3].photos[0].small"],
  [[{ key: 3 }, { key: "breeds" }], "[3].breeds"],
  [[{ key: "hours" }, { key: "odd key" }], 'hours["odd key"]'],
])("formatIssuePath(%j) = %j", (path, text) => {
  expect(formatIssuePath(path)).toBe(text);
});

const Schema = v.object({ token: v.string(), items: v.array(v.object({ id: v.number() })) });

test("passes the output of a successful check through", () => {
  expect(parsedOrThrow(v.safeParse(Schema, { token: "t", items: [] }), () => new Error("unused"))).toEqual({ token: "t", items: [] });
});

test("builds the error from a summary naming the first path and every issue, never the refused values", () => {
  let seen: SchemaIssue[] = [];
  const mismatch = (summary: string, issues: SchemaIssue[]) => {
    seen = issues;
    return new Error(`bad at ${summary}`);
  };
  expect(() => parsedOrThrow(v.safeParse(Schema, { token: 5, items: [{ id: "s3cr3t" }] }), mismatch)).toThrow(
    "bad at token: expected string, got a number (and 1 more)",
  );
  expect(seen).toEqual([
    { path: "token", message: "expected string, got a number" },
    { path: "items[0].id", message: "expected number, got a string" },
  ]);
  expect(JSON.stringify(seen)).not.toContain("s3cr3t");
  expect(() => parsedOrThrow(v.safeParse(Schema, null), (summary) => new Error(summary))).toThrow("(root): expected Object, got null");
});
