#!/usr/bin/env node
import process from "node:process";
import { CliUsageError, HELP, parseCliArgs } from "./cli-args.js";
import { startEmulator } from "./server.js";

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`petfinder-emulator: ${error.message}\n`);
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
    emulator = await startEmulator(parsed.options);
  } catch (error) {
    process.stderr.write(`petfinder-emulator: ${(error as Error).message}\n`);
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
