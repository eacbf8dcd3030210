// Bundles the CLI with Bun into dist/ so the npm tarball is self-contained: the internal
// @cat-harvest/* packages and cli-progress are inlined, and the AWS SDK stays in chunks
// loaded only when an s3:// DEST is used.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, chmodSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(here, "dist");
const { version } = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
for (const name of readdirSync(dist)) if (name.endsWith(".js")) rmSync(join(dist, name));
const bun = join(here, "..", "..", "node_modules", ".bin", "bun");
execFileSync(
  bun,
  ["build", "./src/cli.ts", "--target=bun", "--splitting", "--outdir=dist", "--define", `CAT_HARVEST_VERSION=${JSON.stringify(version)}`],
  { cwd: here, stdio: ["ignore", "ignore", "inherit"] },
);
chmodSync(join(dist, "cli.js"), 0o755);
