import { describe, expect, test } from "vitest";
import { CatHarvestError, errorClassProblems } from "./index.js";

class ShopError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@test/shop.ShopError");
  override name = "ShopError";
}
class ClosedError extends ShopError {
  static override readonly marker: symbol = Symbol.for("@test/shop.ClosedError");
  override name = "ClosedError" as const;
}
class SoldOutError extends ShopError {
  static override readonly marker: symbol = Symbol.for("@test/shop.SoldOutError");
  override name = "SoldOutError" as const;
}

/** The same classes as a second installed copy of the package would define them. */
function secondCopy() {
  class ShopError2 extends CatHarvestError {
    static override readonly marker: symbol = Symbol.for("@test/shop.ShopError");
  }
  class ClosedError2 extends ShopError2 {
    static override readonly marker: symbol = Symbol.for("@test/shop.ClosedError");
  }
  return { ClosedError2 };
}

describe("isInstance", () => {
  test("matches the class and its subclasses, not its siblings or parents", () => {
    const closed = new ClosedError("closed");
    expect(ClosedError.isInstance(closed)).toBe(true);
    expect(ShopError.isInstance(closed)).toBe(true);
    expect(CatHarvestError.isInstance(closed)).toBe(true);
    expect(SoldOutError.isInstance(closed)).toBe(false);
    expect(ClosedError.isInstance(new ShopError("any"))).toBe(false);
  });

  test("works across two installed copies of a package, where instanceof does not", () => {
    const { ClosedError2 } = secondCopy();
    const fromOtherCopy = new ClosedError2("closed");
    expect(fromOtherCopy instanceof ClosedError).toBe(false);
    expect(ClosedError.isInstance(fromOtherCopy)).toBe(true);
    expect(SoldOutError.isInstance(fromOtherCopy)).toBe(false);
  });

  test("says no to anything else", () => {
    for (const value of [new Error("x"), null, undefined, "ClosedError", { name: "ClosedError" }, 1]) {
      expect(ClosedError.isInstance(value)).toBe(false);
    }
  });

  test("keeps message, cause and name", () => {
    const cause = new Error("root");
    const error = new ClosedError("closed today", { cause });
    expect(error.message).toBe("closed today");
    expect(error.cause).toBe(cause);
    expect(error.name).toBe("ClosedError");
    expect(error).toBeInstanceOf(Error);
  });
});

describe("errorClassProblems", () => {
  test("is empty for classes that each declare a marker", () => {
    expect(errorClassProblems({ ShopError, ClosedError, SoldOutError, notAClass: 1, Error })).toEqual([]);
  });

  test("names a class without its own marker and two classes sharing one", () => {
    class Forgot extends ShopError {}
    class Copied extends ShopError {
      static override readonly marker: symbol = Symbol.for("@test/shop.ClosedError");
    }
    expect(errorClassProblems({ ClosedError, Forgot, Copied })).toEqual(["Forgot has no marker of its own", "Copied shares its marker with ClosedError"]);
  });
});
