// Totals what vitest, `bun test` and `deno test` printed in a turbo log into one closing
// line, `tests: N passed, N failed, N skipped`. Usage: node tooling/summarize-tests.mjs LOG
import { readFileSync } from "node:fs";

const text = readFileSync(process.argv[2], "utf8").replace(/\x1b\[[0-9;]*m/g, "");
const total = { passed: 0, failed: 0, skipped: 0 };
const add = (key, value) => (total[key] += Number(value ?? 0));
for (const line of text.split("\n")) {
  let m;
  if ((m = /\bTests\s+(.*)\(\d+\)\s*$/.exec(line))) {
    // vitest: "Tests  3 failed | 40 passed | 2 skipped (45)"
    for (const [, n, what] of m[1].matchAll(/(\d+) (passed|failed|skipped)/g)) add(what, n);
  } else if ((m = /^\S*:?\s*(\d+) (pass|fail)$/.exec(line.trim().replace(/^\S+:test:\s*/, "")))) {
    add(m[2] === "pass" ? "passed" : "failed", m[1]); // bun test
  } else if ((m = /(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/.exec(line))) {
    add("passed", m[1]); // deno test
    add("failed", m[2]);
  }
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
