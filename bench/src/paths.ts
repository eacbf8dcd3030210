import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** bench/ */
export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The monorepo root. */
export const REPO_DIR = join(BENCH_DIR, "..");

/** The emulator command; `BENCH_EMULATOR_CLI` points elsewhere (for developing the bench itself). */
export const EMULATOR_CLI = process.env.BENCH_EMULATOR_CLI ?? join(REPO_DIR, "packages/petfinder-emulator/dist/cli.js");
export const CAT_HARVEST_CLI = join(REPO_DIR, "apps/cli/dist/cli.js");
export const NODE_BIN_DIR = join(REPO_DIR, "node_modules/.bin");
