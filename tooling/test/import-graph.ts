import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Every module `entry` imports statically, followed through relative imports, and the bare
 * specifiers found on the way (`bare`); apart, the bare specifiers of dynamic `import("x")`
 * (`dynamic`: loaded only when a run needs them, but a lazy `import("node:fs")` still needs Node).
 * `import type` / `export type` lines are erased at build time: their bare specifiers are kept
 * apart (`types`: a package whose types the declarations name, needed only by type checkers).
 */
export async function importGraph(entry: string): Promise<{ files: Set<string>; bare: Set<string>; dynamic: Set<string>; types: Set<string> }> {
  const files = new Set<string>();
  const bare = new Set<string>();
  const dynamic = new Set<string>();
  const types = new Set<string>();
  const visit = async (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = await readFile(file, "utf8");
    for (const [statement, specifier] of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
      if (/^\s*(?:import|export) type\s/.test(statement)) {
        if (!specifier!.startsWith(".")) types.add(specifier!);
        continue;
      }
      if (specifier!.startsWith(".")) await visit(join(dirname(file), specifier!.replace(/\.js$/, ".ts")));
      else bare.add(specifier!);
    }
    for (const [, specifier] of text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) dynamic.add(specifier!);
  };
  await visit(entry);
  return { files, bare, dynamic, types };
}

/** The packages bare specifiers name (`@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`), to compare with a package.json's dependencies. */
export function packagesOf(specifiers: Iterable<string>): string[] {
  return [...new Set([...specifiers].map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!)))].sort();
}
