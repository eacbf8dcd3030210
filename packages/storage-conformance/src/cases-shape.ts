import type { StorageAdapter } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import type { SuiteContext } from "./suite-context.js";

/** The conformance cases of "shape". */
export function describeShapeCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, caps } = context;
  describe("shape", () => {
    it("has a name and declares the capabilities it was described with", async () => {
      const adapter = await open();
      expect(typeof adapter.name).toBe("string");
      expect(adapter.name.length).toBeGreaterThan(0);
      expect({ ...adapter.capabilities }).toEqual({ read: caps.read, list: caps.list, replace: caps.replace, write: caps.write });
    });
  });
}
