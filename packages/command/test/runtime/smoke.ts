import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDestination, runCommand } from "@cat-harvest/command";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

export const cases: SmokeCase[] = [
  {
    name: "command: DEST parses",
    async fn() {
      assert.deepEqual(parseDestination("s3://b-1/cats"), { kind: "s3", bucket: "b-1", prefix: "cats" });
      assert.deepEqual(parseDestination("cats.tar.gz"), { kind: "tar", path: "cats.tar.gz", gzip: true });
    },
  },
  {
    name: "command: a --demo harvest of one breed into a folder with its report (sharp loads here), and help per subcommand",
    timeout: 60_000,
    async fn() {
      const dir = await mkdtemp(join(tmpdir(), "command-smoke-"));
      try {
        const out: string[] = [];
        const io = { env: {}, stdout: (line: string) => out.push(line), stderr: () => {}, signal: new AbortController().signal };
        assert.equal(await runCommand(["download", "--help"], io), 0);
        assert.match(out.join("\n"), /--input FILE/);
        const code = await runCommand(["--demo", "--scale", "0.01", "--breeds", "Bengal", "--out", join(dir, "cats"), "--json"], io);
        assert.equal(code, 0);
        assert.ok((await readFile(join(dir, "cats", "metadata.jsonl"), "utf8")).length > 0);
        // The report's thumbnails come from sharp, loaded by this runtime: real WebP images embedded.
        const summary = JSON.parse(out.at(-1)!) as { thumbnails?: number };
        assert.ok((summary.thumbnails ?? 0) > 0, `no thumbnails in ${out.at(-1)}`);
        assert.match(await readFile(join(dir, "cats", "report.html"), "utf8"), /src="data:image\/webp;base64,/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
];
