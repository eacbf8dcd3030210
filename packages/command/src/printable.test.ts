import { describe, expect, test } from "vitest";
import type { CommandIO } from "./command-io.js";
import { formatBreedTable } from "./format-summary.js";
import { printable, printableIO, printableLines } from "./printable.js";

const HOSTILE = "a\u001b]0;pwned\u0007b\u001b[2Jc\rd\ne\u009bf\u007fg\th";
/** Any control character but the newline. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe("printable", () => {
  test("writes every control character as a JSON-style escape", () => {
    expect(printable(HOSTILE)).toBe("a\\u001b]0;pwned\\u0007b\\u001b[2Jc\\rd\\ne\\u009bf\\u007fg\\th");
    expect(printable("Maine Coon – ß 猫")).toBe("Maine Coon – ß 猫");
  });

  test("printableLines keeps newlines only", () => {
    expect(printableLines(HOSTILE)).toBe("a\\u001b]0;pwned\\u0007b\\u001b[2Jc\\rd\ne\\u009bf\\u007fg\\th");
  });

  test("a JSON line stays JSON with the same values", () => {
    const value = { label: HOSTILE, path: "C:\\\\x\u009b" };
    expect(JSON.parse(printableLines(JSON.stringify(value)))).toEqual(value);
  });

  test("printableIO escapes stdout, stderr and the progress view's log", () => {
    const out: string[] = [];
    const io = printableIO({
      env: {},
      signal: new AbortController().signal,
      stdout: (l) => out.push(l),
      stderr: (l) => out.push(l),
      createProgressView: () => ({ update() {}, log: (l) => out.push(l), stop() {} }),
    } satisfies CommandIO);
    io.stdout(HOSTILE);
    io.stderr(HOSTILE);
    io.createProgressView!().log(HOSTILE);
    expect(out).toHaveLength(3);
    for (const line of out) expect(line).not.toMatch(CONTROL);
  });
});

test("formatBreedTable lines up whatever the labels hold", () => {
  const table = formatBreedTable([
    { breed: "Tabby\nCat", folder: "Tabby_Cat", images: 12 },
    { breed: "\u001b[2JX", folder: "X", images: 3 },
  ]);
  const lines = table.split("\n");
  expect(lines).toHaveLength(4);
  expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  expect(table).not.toMatch(CONTROL);
});
