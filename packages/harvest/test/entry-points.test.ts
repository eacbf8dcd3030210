import { readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { errorClassProblems } from "@cat-harvest/errors";
import { describe, expect, test } from "vitest";
import { importGraph, packagesOf } from "../../../tooling/test/import-graph.ts";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

/** The command's glue, which lives in @cat-harvest/command: argument parsing, DEST, exit codes, summaries. */
const COMMAND_GLUE = ["exit-codes.ts", "format-summary.ts", "parse-destination.ts"];

describe("layering of the pipeline entry (@cat-harvest/harvest)", () => {
  const graph = importGraph(join(src, "index.ts")).then(({ files, bare, dynamic, types }) => ({ files, bare: new Set([...bare, ...dynamic]), types }));

  test("it imports no command glue", async () => {
    const { files } = await graph;
    expect(files.size).toBeGreaterThan(10);
    expect([...files].filter((f) => f.includes(`${"/"}cli${"/"}`) || COMMAND_GLUE.includes(basename(f)))).toEqual([]);
  });

  test("it uses web APIs only: no node:*, bun or deno module", async () => {
    const { bare } = await graph;
    expect([...bare].filter((s) => /^(node:|bun(:|$)|deno(:|$)|npm:|jsr:)/.test(s))).toEqual([]);
  });

  test("it imports no AWS SDK, no storage adapter with a runtime of its own, no emulator, no source's client", async () => {
    const { bare, types } = await graph;
    const heavy = /^(@aws-sdk\/|@smithy\/|@cat-harvest\/(storage-s3|storage-fs|storage-tar|petfinder-emulator|command)$)/;
    const sources = /^@cat-harvest\/(petfinder|rescuegroups|thecatapi)(-emulator)?(\/|$)/;
    expect([...bare, ...types].filter((s) => sources.test(s))).toEqual([]);
    expect([...bare].filter((s) => heavy.test(s))).toEqual([]);
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
