import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { heavyModulesLoadedBy } from "../../../tooling/test/heavy-modules.ts";

describe("the light subpaths", () => {
  test("@cat-harvest/thecatapi-emulator/cli-args and the kit's cli-flags load neither the server nor crypto", () => {
    expect(heavyModulesLoadedBy(fileURLToPath(new URL("../src/cli-args.ts", import.meta.url)))).toEqual([]);
    expect(heavyModulesLoadedBy(fileURLToPath(new URL("../../emulator-kit/src/cli-flags.ts", import.meta.url)))).toEqual([]);
  });

  test("while the main entry does (the check sees them)", () => {
    expect(heavyModulesLoadedBy(fileURLToPath(new URL("../src/index.ts", import.meta.url)))).toContain("NativeModule http");
  });
});
