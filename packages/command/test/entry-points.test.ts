import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

/** Every module the file imports statically, followed through relative imports; bare specifiers as found. */
async function staticImports(entry: string): Promise<{ files: Set<string>; bare: Set<string> }> {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = async (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = await readFile(file, "utf8");
    for (const [statement, specifier] of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
      if (/^\s*(?:import|export) type\s/.test(statement)) continue; // Erased at build time.
      if (specifier!.startsWith(".")) await visit(join(dirname(file), specifier!.replace(/\.js$/, ".ts")));
      else bare.add(specifier!);
    }
  };
  await visit(entry);
  return { files, bare };
}

describe("the command's entry", () => {
  test("is where node:* modules live", async () => {
    const { bare } = await staticImports(join(src, "index.ts"));
    expect([...bare].filter((s) => s.startsWith("node:")).sort()).toContain("node:fs");
  });

  test("imports the S3 adapter and the emulator's server only with import(), when a run needs them", async () => {
    const { bare } = await staticImports(join(src, "index.ts"));
    expect([...bare].filter((s) => s === "@cat-harvest/storage-s3" || s.startsWith("@aws-sdk/"))).toEqual([]);
    // Only the emulator's argument parser (no server) is loaded up front, and types.
    const runtime = [...bare].filter((s) => s.startsWith("@cat-harvest/petfinder-emulator"));
    expect(runtime).toEqual(["@cat-harvest/petfinder-emulator/cli-args"]);
  });
});
