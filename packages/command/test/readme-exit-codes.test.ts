import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { EXIT_CODES_HELP } from "../src/exit-codes-help.js";
import { EXIT_BROKEN_PIPE, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE } from "../src/exit-codes.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");

/** The table every README shows, word for word. */
const TABLE = `| code | meaning |
|---|---|
| ${EXIT_OK} | done (verify: every file matches) |
| ${EXIT_FAILURE} | failed: credentials, DEST, network, unreadable input |
| ${EXIT_USAGE} | bad command line (flag, value, DEST, unknown breed); nothing done |
| ${EXIT_PARTIAL} | partial: some photos failed or the daily quota ran out; run again to continue (verify: problems found) |
| ${EXIT_INTERRUPTED} | interrupted by Ctrl-C / SIGTERM; run again to resume |
| ${EXIT_BROKEN_PIPE} | stopped: the output's reader went away (piped into head); run again to resume |`;

test.each(["README.md", "apps/cli/README.md", "apps/deno/README.md", "packages/command/README.md"])(
  "%s lists the exit codes as --help does",
  async (readme) => {
    expect(await readFile(join(ROOT, readme), "utf8")).toContain(TABLE);
  },
);

test("--help lists the same codes and meanings", () => {
  const help = EXIT_CODES_HELP.replace(/\n\s+/g, " ");
  for (const row of TABLE.split("\n").slice(2)) {
    const [, code, meaning] = /^\| (\d+) \| (.*) \|$/.exec(row)!;
    expect(help).toContain(`${code!.padEnd(4)} ${meaning}`);
  }
});
