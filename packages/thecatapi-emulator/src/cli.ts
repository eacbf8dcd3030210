#!/usr/bin/env node
import process from "node:process";
import { CliUsageError } from "@cat-harvest/emulator-kit/cli-flags";
import { HELP, parseCatApiCliArgs } from "./cli-args.js";
import { startCatApiEmulator } from "./server.js";

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCatApiCliArgs>;
  try {
    parsed = parseCatApiCliArgs(process.argv.slice(2));
  } catch (error) {
    if (CliUsageError.isInstance(error)) {
      process.stderr.write(`thecatapi-emulator: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    return;
  }
  let emulator;
  try {
    emulator = await startCatApiEmulator(parsed.options);
  } catch (error) {
    process.stderr.write(`thecatapi-emulator: ${(error as Error).message}\n`);
    process.exit(error instanceof TypeError ? 2 : 1);
  }
  process.stdout.write(`listening on ${emulator.url}\n`);
  const shutdown = () => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

void main();
