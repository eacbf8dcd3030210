import assert from "node:assert/strict";
import { CatHarvestError } from "@cat-harvest/errors";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

class ParentError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@smoke/errors.ParentError");
}
class ChildError extends ParentError {
  static override readonly marker: symbol = Symbol.for("@smoke/errors.ChildError");
}

export const cases: SmokeCase[] = [
  {
    name: "errors: isInstance tells a class from its parent and siblings",
    fn() {
      assert.equal(ParentError.isInstance(new ChildError("x")), true);
      assert.equal(ChildError.isInstance(new ParentError("x")), false);
      assert.equal(CatHarvestError.isInstance(new Error("x")), false);
    },
  },
];
