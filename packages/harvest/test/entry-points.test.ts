import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
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
  };
  await visit(entry);
  return { files, bare };
}

describe("entry points", () => {
  test("the pipeline entry uses web APIs only: no node:* module anywhere in its import graph", async () => {
    const { files, bare } = await importGraph(join(src, "index.ts"));
    expect(files.size).toBeGreaterThan(10);
    expect([...bare].filter((s) => s.startsWith("node:"))).toEqual([]);
  });
});
