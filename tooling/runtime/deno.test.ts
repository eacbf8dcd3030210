// Runs one package's smoke cases under `deno test`. Usage (from the package folder):
//   SMOKE=test/runtime/smoke.ts deno test -A ../../tooling/runtime/deno.test.ts
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import process from "node:process";
import type { SmokeCase } from "./cases.ts";

declare const Deno: { test(options: { name: string; fn: () => unknown; sanitizeOps?: boolean; sanitizeResources?: boolean }): void };

const file = process.env.SMOKE;
if (!file) throw new Error("Set SMOKE to the smoke-case module, e.g. SMOKE=test/runtime/smoke.ts");
const { cases } = (await import(pathToFileURL(resolve(process.cwd(), file)).href)) as { cases: SmokeCase[] };
for (const c of cases) Deno.test({ name: `[deno] ${c.name}`, fn: c.fn, sanitizeOps: false, sanitizeResources: false });
