import { execFileSync } from "node:child_process";

/** The node:http, node:crypto and node:net modules a fresh process loads while importing `file` (from source). */
export function heavyModulesLoadedBy(file: string): string[] {
  const script = `const before = new Set(process.moduleLoadList); await import(${JSON.stringify(file)});
console.log(JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m) && /NativeModule (http|crypto|net)$/.test(m))));`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions", "@cat-harvest/source", "--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  return JSON.parse(out) as string[];
}
