#!/usr/bin/env node
import { runEmulatorCommand } from "@cat-harvest/emulator-kit";
import { HELP, parseCliArgs } from "./cli-args.js";
import { startEmulator } from "./server.js";

void runEmulatorCommand({ name: "petfinder-emulator", help: HELP, parse: (argv) => parseCliArgs(argv), start: startEmulator });
