import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { errorClassProblems } from "@cat-harvest/errors";
import { describe, expect, test } from "vitest";
import { importGraph, packagesOf } from "../../../tooling/test/import-graph.ts";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

describe("layering of @cat-harvest/report", () => {
  const graph = importGraph(join(src, "index.ts"));

  test("it uses web APIs only: no node:*, bun or deno module, no storage adapter, no image library", async () => {
    const { bare, dynamic } = await graph;
    const all = [...bare, ...dynamic];
    expect(all.filter((s) => /^(node:|bun(:|$)|deno(:|$)|npm:|jsr:)/.test(s))).toEqual([]);
    expect(all.filter((s) => /^(sharp|jimp|@jsquash\/|@cat-harvest\/(storage-fs|storage-tar|storage-s3|command))/.test(s))).toEqual([]);
  });

  test("it depends on just the libraries it calls (or whose types its declarations name)", async () => {
    const { bare, types } = await graph;
    const packageJson = JSON.parse(await readFile(resolve(src, "../package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(packageJson.dependencies).sort()).toEqual(packagesOf([...bare, ...types]));
  });

  test("its error classes each carry a marker of their own", async () => {
    expect(errorClassProblems(await import("../src/index.js"))).toEqual([]);
  });
});
