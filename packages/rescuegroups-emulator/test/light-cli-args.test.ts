import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

/** The node:http and node:crypto modules a fresh process loads while importing `file`. */
function heavyModulesLoadedBy(file: string): string[] {
  const script = `const before = new Set(process.moduleLoadList); await import(${JSON.stringify(file)});
console.log(JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m) && /NativeModule (http|crypto|net)$/.test(m))));`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions", "@cat-harvest/source", "--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  return JSON.parse(out) as string[];
}

test("@cat-harvest/rescuegroups-emulator/cli-args loads neither the server nor crypto", () => {
  expect(heavyModulesLoadedBy(fileURLToPath(new URL("../src/cli-args.ts", import.meta.url)))).toEqual([]);
});
