import { CommandMissingPackageError } from "./errors.js";

/** The optional package that runs shards as BullMQ jobs (it brings bullmq and ioredis, so it is not installed by default). */
export const QUEUE_PACKAGE = "@cat-harvest/queue";

/** Loads `@cat-harvest/queue` when a command has `--queue`. An optional peer dependency, so a one-machine install never downloads BullMQ. */
export async function loadQueue(): Promise<typeof import("@cat-harvest/queue")> {
  try {
    // The cat-harvest bundle keeps this import external: it resolves at run time, if installed.
    return await import("@cat-harvest/queue");
  } catch (error) {
    throw new CommandMissingPackageError(
      QUEUE_PACKAGE,
      `--queue needs the ${QUEUE_PACKAGE} package, which could not be loaded. ` +
        `Install it beside the command (\`npm install ${QUEUE_PACKAGE}\`), or run ` +
        `\`npx -p cat-harvest -p ${QUEUE_PACKAGE} cat-harvest worker --queue redis://host:6379\`.`,
      { cause: error },
    );
  }
}
