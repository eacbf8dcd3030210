// Bundles the CLI with Bun into dist/ as one ESM program for Node (which Bun and Deno run too),
// so the npm tarball is self-contained: the internal @cat-harvest/* packages and cli-progress
// are inlined, the emulator sits in a chunk loaded only for --demo and `emulator`, and the
// optional @cat-harvest/storage-s3 (with the AWS SDK) and @cat-harvest/queue (with BullMQ and
// ioredis) stay external: an s3:// DEST or --queue imports them from beside the command, where
// the user installs them. sharp (native libvips, for the report's thumbnails) is an optional
// dependency, external too: it is imported only when a report is written.
import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(here, "dist");
const { version } = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
for (const name of readdirSync(dist)) if (name.endsWith(".js")) rmSync(join(dist, name));
const bun = join(here, "..", "..", "node_modules", ".bin", "bun");
execFileSync(
  bun,
  [
    "build",
    "./src/cli.ts",
    "--target=node",
    "--format=esm",
    "--splitting",
    "--outdir=dist",
    "--external=@cat-harvest/storage-s3",
    "--external=@aws-sdk/*",
    "--external=sharp",
    "--external=@cat-harvest/queue",
    "--external=bullmq",
    "--external=ioredis",
    "--define",
    `CAT_HARVEST_VERSION=${JSON.stringify(version)}`,
  ],
  { cwd: here, stdio: ["ignore", "ignore", "inherit"] },
);
const cli = join(dist, "cli.js");
const code = readFileSync(cli, "utf8");
if (!code.startsWith("#!")) writeFileSync(cli, `#!/usr/bin/env node\n${code}`);
chmodSync(cli, 0o755);
