import { CommandMissingPackageError } from "./errors.js";

/** The image library the report's thumbnails are made with. */
export const SHARP_PACKAGE = "sharp";

type Sharp = (typeof import("sharp"))["default"];

/**
 * Loads sharp (native libvips, prebuilt for each platform, loaded by Node, Bun and Deno) only
 * when a report is written, so other subcommands never load it.
 */
export async function loadSharp(): Promise<Sharp> {
  try {
    // The cat-harvest bundle keeps this import external: it resolves beside the command.
    return (await import("sharp")).default;
  } catch (error) {
    throw new CommandMissingPackageError(
      SHARP_PACKAGE,
      `The report's thumbnails need the ${SHARP_PACKAGE} package, which could not be loaded (${(error as Error)?.message ?? String(error)}). ` +
        `Install it beside the command (\`npm install ${SHARP_PACKAGE}\`); under Deno, allow it to load its native library (\`--allow-ffi --allow-env --allow-sys\` and \`--allow-read\` of node_modules), or give a harvest or download --no-report.`,
      { cause: error },
    );
  }
}
