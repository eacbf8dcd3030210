import { describe, expect, test } from "vitest";
import { COMMON_FAULT_KINDS, FaultPlan } from "./faults.js";

describe("FaultPlan", () => {
  test("draws at about its rate, deterministically per seed, fresh for each repeat of a request", () => {
    const draws = (seed: number) => {
      const plan = new FaultPlan(seed, 0.3, COMMON_FAULT_KINDS);
      return Array.from({ length: 400 }, (_, i) => plan.draw("GET", `/x?n=${i % 100}`) ?? "none");
    };
    const a = draws(1);
    expect(draws(1)).toEqual(a);
    expect(draws(2)).not.toEqual(a);
    const rate = a.filter((k) => k !== "none").length / a.length;
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.4);
    expect(a.slice(0, 100)).not.toEqual(a.slice(100, 200));
  });

  test("excluded kinds are never drawn; a rate of 0 draws nothing", () => {
    const plan = new FaultPlan(1, 1, ["reset", "stall"] as const);
    for (let i = 0; i < 50; i++) expect(plan.draw("GET", `/${i}`, ["stall"])).toBe("reset");
    expect(new FaultPlan(1, 0, COMMON_FAULT_KINDS).draw("GET", "/")).toBeUndefined();
  });
});
