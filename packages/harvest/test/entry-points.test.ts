import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { importGraph } from "../../../tooling/test/import-graph.ts";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

describe("entry points", () => {
  test("the pipeline entry uses web APIs only: no node:* module anywhere in its import graph", async () => {
    const { files, bare } = await importGraph(join(src, "index.ts"));
    expect(files.size).toBeGreaterThan(10);
    expect([...bare].filter((s) => s.startsWith("node:"))).toEqual([]);
  });
});
