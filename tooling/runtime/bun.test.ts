// Runs one package's smoke cases under `bun test`. Usage (from the package folder):
//   SMOKE=test/runtime/smoke.ts bun test ../../tooling/runtime/bun.test.ts
import { test } from "bun:test";
import { resolve } from "node:path";
import type { SmokeCase } from "./cases.ts";

const file = process.env.SMOKE;
if (!file) throw new Error("Set SMOKE to the smoke-case module, e.g. SMOKE=test/runtime/smoke.ts");
const { cases } = (await import(resolve(process.cwd(), file))) as { cases: SmokeCase[] };
for (const c of cases) test(`[bun] ${c.name}`, c.fn, c.timeout ?? 60_000);
