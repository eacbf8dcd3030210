import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { heavyModulesLoadedBy } from "../../../tooling/test/heavy-modules.ts";

test("@cat-harvest/rescuegroups-emulator/cli-args loads neither the server nor crypto", () => {
  expect(heavyModulesLoadedBy(fileURLToPath(new URL("../src/cli-args.ts", import.meta.url)))).toEqual([]);
});
