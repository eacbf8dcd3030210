#!/usr/bin/env node
import { runEmulatorCommand } from "@cat-harvest/emulator-kit";
import { HELP, parseRescueGroupsCliArgs } from "./cli-args.js";
import { startRescueGroupsEmulator } from "./server.js";

void runEmulatorCommand({ name: "rescuegroups-emulator", help: HELP, parse: (argv) => parseRescueGroupsCliArgs(argv), start: startRescueGroupsEmulator });
