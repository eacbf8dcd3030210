import { readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { errorClassProblems } from "@cat-harvest/errors";
import { describe, expect, test } from "vitest";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

/** Every module the file imports, followed through relative imports; bare specifiers as found. */
async function importGraph(entry: string): Promise<{ files: Set<string>; bare: Set<string> }> {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = async (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = await readFile(file, "utf8");
    for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
      if (specifier!.startsWith(".")) await visit(join(dirname(file), specifier!.replace(/\.js$/, ".ts")));
      else bare.add(specifier!);
    }
    // Dynamic imports count too: a lazy `import("node:fs")` still needs Node.
    for (const [, specifier] of text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) bare.add(specifier!);
  };
  await visit(entry);
  return { files, bare };
}

/** The command's glue, moving to @cat-harvest/command: argument parsing, DEST, exit codes, summaries. */
const COMMAND_GLUE = ["exit-codes.ts", "format-summary.ts", "parse-destination.ts"];

describe("layering of the pipeline entry (@cat-harvest/harvest)", () => {
  const graph = importGraph(join(src, "index.ts"));

  test("it imports no command glue", async () => {
    const { files } = await graph;
    expect(files.size).toBeGreaterThan(10);
    expect([...files].filter((f) => f.includes(`${"/"}cli${"/"}`) || COMMAND_GLUE.includes(basename(f)))).toEqual([]);
  });

  test("it uses web APIs only: no node:*, bun or deno module", async () => {
    const { bare } = await graph;
    expect([...bare].filter((s) => /^(node:|bun(:|$)|deno(:|$)|npm:|jsr:)/.test(s))).toEqual([]);
  });

  test("it imports no AWS SDK, no storage adapter with a runtime of its own, no emulator", async () => {
    const { bare } = await graph;
    const heavy = /^(@aws-sdk\/|@smithy\/|@cat-harvest\/(storage-s3|storage-fs|storage-tar|petfinder-emulator|command)$)/;
    expect([...bare].filter((s) => heavy.test(s))).toEqual([]);
  });

  test("it depends on just the libraries it calls", async () => {
    const { bare } = await graph;
    const packageJson = JSON.parse(await readFile(resolve(src, "../package.json"), "utf8")) as { dependencies: Record<string, string> };
    const used = new Set([...bare].map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!)));
    expect(Object.keys(packageJson.dependencies).sort()).toEqual([...used].sort());
  });

  test("its error classes each carry a marker of their own", async () => {
    expect(errorClassProblems(await import("../src/index.js"))).toEqual([]);
  });
});
