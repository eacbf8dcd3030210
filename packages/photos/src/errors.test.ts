import { errorClassProblems } from "@cat-harvest/errors";
import { expect, test } from "vitest";

test("every exported error class carries a marker of its own", async () => {
  expect(errorClassProblems(await import("./index.js"))).toEqual([]);
});
