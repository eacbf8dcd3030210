#!/usr/bin/env node
// A committed bin, so npm links `rescuegroups-emulator` into node_modules/.bin at install time
// (it skips a bin whose file does not exist yet, as dist/ does before the build).
await import("../dist/cli.js");
