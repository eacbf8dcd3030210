#!/usr/bin/env node
// The `cat-harvest` command, one bundle for Node, Bun and Deno: reads the arguments, the
// environment and the terminal, and hands everything to @cat-harvest/command. Nothing of the
// pipeline lives here.
import process from "node:process";
import { createPipeOutput, EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, runCommand } from "@cat-harvest/command";
import { createProgressBar } from "./progress-bar.js";

declare const CAT_HARVEST_VERSION: string | undefined;

const controller = new AbortController();
let stops = 0;
const stop = (signal: string) => {
  stops++;
  if (stops > 1) {
    process.stderr.write(`\n${signal} again: exiting at once. Files stored so far are complete; the next run re-checks them.\n`);
    process.exit(EXIT_INTERRUPTED);
  }
  process.stderr.write(`\n${signal}: finishing cleanly (writing metadata); press Ctrl-C again to quit at once.\n`);
  controller.abort(new Error(`stopped by ${signal}`));
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));

// `cat-harvest verify DEST | head -1`: once the reader is gone, stop quietly, as Unix tools do.
const output = createPipeOutput(() => controller.abort(new Error("the output's reader went away")));
process.stdout.on("error", output.fail);
process.stderr.on("error", output.fail);

const code = await runCommand(process.argv.slice(2), {
  env: process.env,
  stdout: (line) => output.write(() => process.stdout.write(`${line}\n`)),
  stderr: (line) => output.write(() => process.stderr.write(`${line}\n`)),
  signal: controller.signal,
  ...(process.stderr.isTTY ? { createProgressView: () => createProgressBar(process.stderr) } : {}),
  version: typeof CAT_HARVEST_VERSION === "string" ? CAT_HARVEST_VERSION : "0.0.0-dev",
  programName: "cat-harvest",
});
process.exit(output.closed ? EXIT_BROKEN_PIPE : code);
