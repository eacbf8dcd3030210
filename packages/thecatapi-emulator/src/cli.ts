#!/usr/bin/env node
import { runEmulatorCommand } from "@cat-harvest/emulator-kit";
import { HELP, parseCatApiCliArgs } from "./cli-args.js";
import { startCatApiEmulator } from "./server.js";

void runEmulatorCommand({ name: "thecatapi-emulator", help: HELP, parse: (argv) => parseCatApiCliArgs(argv), start: startCatApiEmulator });
